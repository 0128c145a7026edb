// customer_cache: customers, their attributes and journey events held in memory for the churn, journey and attribute views.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>
#include "store/customer_record.hpp"
#include "store/database.hpp"
#include "store/string_pool.hpp"

namespace opinia::store {

// Why a cache: churn and journey walk every customer and event, which in SQL costs a join and a
// string per row on each request. refresh() copies only customers whose row changed (by rowid and
// updated_at, indexed; nothing at all while the change counter stands still) and events added
// (journey events are never edited), so a view asked for while data keeps arriving sees every
// committed row. Not thread-safe; one per thread.
class customer_cache {
public:
    // One attribute's value per customer index (−1: the customer has none).
    struct attribute_column {
        std::vector<std::int32_t> by_customer;
        string_pool values;
    };

    // Customers whose attribute `name` is `value` (the segment "attribute:NAME:VALUE").
    struct attribute_match {
        std::string name, value;
    };

    explicit customer_cache(database& db);
    customer_cache(const customer_cache&) = delete;
    customer_cache& operator=(const customer_cache&) = delete;

    void refresh();
    // Grows with every refresh that found a changed customer, so dependents know to rebuild.
    std::uint64_t customers_version() const { return customers_version_; }

    std::optional<std::uint32_t> index_of(const std::string& customer_id) const { return ids_.find(customer_id); }
    // Customers known, by index: imported ones and those only named by journey events.
    std::size_t customer_count() const { return customers_.size(); }
    // Names of the attributes any customer has, in order.
    std::vector<std::string> attribute_names() const;
    // The named attribute, or nullptr when no customer has it.
    const attribute_column* attribute(const std::string& name) const;

    // Each takes `only`: when given, customers without that attribute value are left out.
    // Lifetimes of the customers with an active_from, for the period churn figures.
    std::vector<customer_span> spans(const std::optional<attribute_match>& only = {}) const;
    // Customers with a churned flag per value of `attribute` (all under "" when it is empty;
    // customers without the attribute under "").
    std::map<std::string, churn_count> snapshot_churn(const std::string& attribute,
                                                      const std::optional<attribute_match>& only = {}) const;
    // Events with occurred_at in [from, to), optionally at one touchpoint; customers numbered by index_of.
    std::vector<journey_step> events(std::optional<std::int64_t> from_ms, std::optional<std::int64_t> to_ms,
                                     const std::string& touchpoint, const std::optional<attribute_match>& only = {}) const;

private:
    struct cached_customer {
        std::optional<std::int64_t> active_from_ms, churned_at_ms;
        std::int8_t churned = -1;  // the snapshot flag: −1 none, 0 no, 1 yes
    };
    struct cached_event {
        std::int64_t at_ms;
        std::uint32_t customer;
        std::uint32_t touchpoint;  // id in touchpoints_
        std::uint8_t stage;
    };

    // Whether the customer at an index passes `only`.
    struct membership {
        bool everyone = true;
        const std::vector<std::int32_t>* by_customer = nullptr;  // null with a value nobody has
        std::int32_t value = -1;
        bool operator()(std::size_t customer) const
        {
            return everyone || (by_customer && customer < by_customer->size() && (*by_customer)[customer] == value);
        }
    };
    membership members(const std::optional<attribute_match>& only) const;

    void read_customers();
    void read_events();

    database& db_;
    string_pool ids_;                        // customer ids, by index
    std::vector<cached_customer> customers_; // by index
    std::map<std::string, attribute_column> attributes_;
    std::vector<cached_event> events_;
    string_pool touchpoints_;
    std::int64_t last_customer_rowid_ = 0;
    std::int64_t last_update_ms_ = -1;
    std::int64_t last_event_id_ = 0;
    std::uint64_t customers_version_ = 0;
    std::int64_t customers_counter_ = -1;  // change_counters' value at the last read
};

}  // namespace opinia::store
