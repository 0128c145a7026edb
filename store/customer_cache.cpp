// customer_cache: incremental loading of customers, attributes and journey events, and the scans over them.
#include "store/customer_cache.hpp"
#include <SQLiteCpp/Statement.h>

namespace opinia::store {

namespace {
std::optional<std::int64_t> optional_int64(const SQLite::Column& c)
{
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}

std::optional<std::uint8_t> stage_index(const std::string& stage)
{
    for (std::size_t i = 0; i < journey_stage_names.size(); ++i)
        if (journey_stage_names[i] == stage) return static_cast<std::uint8_t>(i);
    return std::nullopt;
}
}  // namespace

customer_cache::customer_cache(database& db) : db_(db) {}

void customer_cache::refresh()
{
    read_customers();
    read_events();
}

void customer_cache::read_customers()
{
    // The counter moves with every write to customers, so an unchanged table costs one lookup.
    const auto version = db_.connection().execAndGet("SELECT version FROM change_counters WHERE name = 'customers'").getInt64();
    if (version == customers_counter_) return;
    customers_counter_ = version;
    // A changed customer comes back with all its attributes (the join), which replace what was cached.
    SQLite::Statement q(db_.connection(),
        "SELECT c.rowid, c.id, c.active_from, c.churned_at, c.churned, c.updated_at, a.name, a.value "
        "FROM customers c LEFT JOIN customer_attributes a ON a.customer_id = c.id "
        "WHERE c.rowid > ? OR c.updated_at >= ? ORDER BY c.rowid");
    q.bind(1, last_customer_rowid_);
    q.bind(2, last_update_ms_);
    std::int64_t current_rowid = -1;
    std::uint32_t index = 0;
    bool changed = false;
    while (q.executeStep()) {
        const auto rowid = q.getColumn(0).getInt64();
        if (rowid != current_rowid) {
            current_rowid = rowid;
            changed = true;
            last_customer_rowid_ = std::max(last_customer_rowid_, rowid);
            last_update_ms_ = std::max(last_update_ms_, q.getColumn(5).getInt64());
            index = ids_.intern(q.getColumn(1).getString());
            if (index >= customers_.size()) customers_.resize(index + 1);
            auto& c = customers_[index];
            c.active_from_ms = optional_int64(q.getColumn(2));
            c.churned_at_ms = optional_int64(q.getColumn(3));
            c.churned = q.getColumn(4).isNull() ? std::int8_t{-1} : static_cast<std::int8_t>(q.getColumn(4).getInt() != 0);
            for (auto& [name, column] : attributes_)
                if (index < column.by_customer.size()) column.by_customer[index] = -1;
        }
        if (q.getColumn(6).isNull()) continue;
        auto& column = attributes_[q.getColumn(6).getString()];
        if (index >= column.by_customer.size()) column.by_customer.resize(index + 1, -1);
        column.by_customer[index] = static_cast<std::int32_t>(column.values.intern(q.getColumn(7).getString()));
    }
    if (changed) ++customers_version_;
    // Every column covers every customer, so readers index without a bounds check.
    for (auto& [name, column] : attributes_) column.by_customer.resize(customers_.size(), -1);
}

void customer_cache::read_events()
{
    SQLite::Statement q(db_.connection(),
        "SELECT id, customer_id, stage, touchpoint, occurred_at FROM journey_events WHERE id > ? ORDER BY id");
    q.bind(1, last_event_id_);
    while (q.executeStep()) {
        last_event_id_ = q.getColumn(0).getInt64();
        const auto stage = stage_index(q.getColumn(2).getString());
        if (!stage) continue;
        // Events may name customers not (yet) imported: they get an index all the same.
        events_.push_back({q.getColumn(4).getInt64(), ids_.intern(q.getColumn(1).getString()),
                           touchpoints_.intern(q.getColumn(3).getString()), *stage});
    }
    if (customers_.size() < ids_.size()) customers_.resize(ids_.size());
    for (auto& [name, column] : attributes_) column.by_customer.resize(customers_.size(), -1);
}

std::vector<std::string> customer_cache::attribute_names() const
{
    std::vector<std::string> out;
    for (const auto& [name, column] : attributes_) out.push_back(name);
    return out;
}

const customer_cache::attribute_column* customer_cache::attribute(const std::string& name) const
{
    const auto it = attributes_.find(name);
    return it == attributes_.end() ? nullptr : &it->second;
}

customer_cache::membership customer_cache::members(const std::optional<attribute_match>& only) const
{
    membership m;
    if (!only) return m;
    m.everyone = false;
    const auto* column = attribute(only->name);
    const auto value = column ? column->values.find(only->value) : std::nullopt;
    if (value) {
        m.by_customer = &column->by_customer;
        m.value = static_cast<std::int32_t>(*value);
    }
    return m;
}

std::vector<customer_span> customer_cache::spans(const std::optional<attribute_match>& only) const
{
    const auto member = members(only);
    std::vector<customer_span> out;
    for (std::size_t i = 0; i < customers_.size(); ++i)
        if (customers_[i].active_from_ms && member(i)) out.push_back({customers_[i].active_from_ms, customers_[i].churned_at_ms});
    return out;
}

std::map<std::string, churn_count> customer_cache::snapshot_churn(const std::string& attribute_name,
                                                                  const std::optional<attribute_match>& only) const
{
    const auto member = members(only);
    const auto* column = attribute_name.empty() ? nullptr : attribute(attribute_name);
    std::vector<churn_count> by_value(column ? column->values.size() + 1 : 1);
    const auto none = by_value.size() - 1;  // customers without the attribute
    for (std::size_t i = 0; i < customers_.size(); ++i) {
        const auto& c = customers_[i];
        if (c.churned < 0 || !member(i)) continue;
        const auto value = column ? column->by_customer[i] : -1;
        auto& count = by_value[value < 0 ? none : static_cast<std::size_t>(value)];
        ++count.customers;
        count.churned += c.churned;
    }
    // Added, not assigned: a value stored as "" shares its row with customers who have none.
    std::map<std::string, churn_count> out;
    for (std::size_t v = 0; v < by_value.size(); ++v) {
        if (by_value[v].customers == 0) continue;
        auto& row = out[v == none ? std::string() : column->values.text(static_cast<std::uint32_t>(v))];
        row.customers += by_value[v].customers;
        row.churned += by_value[v].churned;
    }
    return out;
}

std::vector<journey_step> customer_cache::events(std::optional<std::int64_t> from_ms, std::optional<std::int64_t> to_ms,
                                                 const std::string& touchpoint, const std::optional<attribute_match>& only) const
{
    const auto member = members(only);
    std::optional<std::uint32_t> touchpoint_id;
    if (!touchpoint.empty()) {
        touchpoint_id = touchpoints_.find(touchpoint);
        if (!touchpoint_id) return {};
    }
    std::vector<journey_step> out;
    for (const auto& e : events_) {
        if (from_ms && e.at_ms < *from_ms) continue;
        if (to_ms && e.at_ms >= *to_ms) continue;
        if (touchpoint_id && e.touchpoint != *touchpoint_id) continue;
        if (!member(e.customer)) continue;
        out.push_back({e.at_ms, e.customer, e.stage});
    }
    return out;
}

}  // namespace opinia::store
