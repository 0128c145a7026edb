// customer_store: writes and reads customers, their attributes and customer-journey events.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>
#include "store/customer_record.hpp"
#include "store/database.hpp"

namespace opinia::store {

class customer_store {
public:
    explicit customer_store(database& db);

    // Inserts or updates each customer, all in one transaction: the dates, flag and attributes a
    // record gives replace what is stored; those it leaves out are kept.
    void upsert(const std::vector<customer_record>& customers, std::int64_t now_ms);
    std::optional<customer_record> find(const std::string& id);
    std::int64_t count();

    // Every customer's lifetime, for the period churn figures.
    std::vector<customer_span> spans();
    // Customers with a churned flag, per value of `attribute` (all under "" when it is empty;
    // customers without the attribute under "").
    std::map<std::string, churn_count> snapshot_churn(const std::string& attribute);

    // Journey events in one transaction; the stage must be one of the five (the schema checks it).
    void add_events(const std::vector<journey_event_record>& events, std::int64_t now_ms);
    // Events with occurred_at in [from, to), optionally at one touchpoint.
    std::vector<journey_event_record> events(std::optional<std::int64_t> from_ms, std::optional<std::int64_t> to_ms,
                                             const std::string& touchpoint);

private:
    database& db_;
};

}  // namespace opinia::store
