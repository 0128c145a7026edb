// customer_store: SQL for the customers, customer_attributes and journey_events tables.
#include "store/customer_store.hpp"
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace opinia::store {

namespace {
template <class T>
void bind_optional(SQLite::Statement& s, int index, const std::optional<T>& v)
{
    if (v)
        s.bind(index, static_cast<std::int64_t>(*v));
    else
        s.bind(index);
}

std::optional<std::int64_t> optional_int64(const SQLite::Column& c)
{
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}
}  // namespace

customer_store::customer_store(database& db) : db_(db) {}

void customer_store::upsert(const std::vector<customer_record>& customers, std::int64_t now_ms)
{
    SQLite::Transaction transaction(db_.connection());
    SQLite::Statement put(db_.connection(),
        "INSERT INTO customers (id, active_from, churned_at, churned, updated_at) VALUES (?, ?, ?, ?, ?) "
        // A field left out keeps what is stored, as attributes do: tagging a customer must not wipe its dates.
        "ON CONFLICT (id) DO UPDATE SET active_from = COALESCE(excluded.active_from, active_from), "
        "churned_at = COALESCE(excluded.churned_at, churned_at), churned = COALESCE(excluded.churned, churned), "
        "updated_at = excluded.updated_at");
    SQLite::Statement put_attribute(db_.connection(),
        "INSERT INTO customer_attributes (customer_id, name, value) VALUES (?, ?, ?) "
        "ON CONFLICT (customer_id, name) DO UPDATE SET value = excluded.value");
    for (const auto& c : customers) {
        put.bind(1, c.id);
        bind_optional(put, 2, c.active_from_ms);
        bind_optional(put, 3, c.churned_at_ms);
        bind_optional(put, 4, c.churned);
        put.bind(5, now_ms);
        put.exec();
        put.reset();
        for (const auto& [name, value] : c.attributes) {
            put_attribute.bind(1, c.id);
            put_attribute.bind(2, name);
            put_attribute.bind(3, value);
            put_attribute.exec();
            put_attribute.reset();
        }
    }
    db_.connection().exec("UPDATE change_counters SET version = version + 1 WHERE name = 'customers'");
    transaction.commit();
}

std::optional<customer_record> customer_store::find(const std::string& id)
{
    SQLite::Statement q(db_.connection(), "SELECT active_from, churned_at, churned FROM customers WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    customer_record c;
    c.id = id;
    c.active_from_ms = optional_int64(q.getColumn(0));
    c.churned_at_ms = optional_int64(q.getColumn(1));
    if (!q.getColumn(2).isNull()) c.churned = q.getColumn(2).getInt() != 0;
    SQLite::Statement a(db_.connection(), "SELECT name, value FROM customer_attributes WHERE customer_id = ? ORDER BY name");
    a.bind(1, id);
    while (a.executeStep()) c.attributes.emplace_back(a.getColumn(0).getString(), a.getColumn(1).getString());
    return c;
}

std::int64_t customer_store::count()
{
    return db_.connection().execAndGet("SELECT COUNT(*) FROM customers").getInt64();
}

std::vector<customer_span> customer_store::spans()
{
    SQLite::Statement q(db_.connection(), "SELECT active_from, churned_at FROM customers WHERE active_from IS NOT NULL");
    std::vector<customer_span> out;
    while (q.executeStep()) out.push_back({optional_int64(q.getColumn(0)), optional_int64(q.getColumn(1))});
    return out;
}

std::map<std::string, churn_count> customer_store::snapshot_churn(const std::string& attribute)
{
    std::map<std::string, churn_count> out;
    const bool by_attribute = !attribute.empty();
    SQLite::Statement q(db_.connection(),
        by_attribute ? "SELECT COALESCE(a.value, ''), COUNT(*), SUM(c.churned) FROM customers c "
                       "LEFT JOIN customer_attributes a ON a.customer_id = c.id AND a.name = ? "
                       "WHERE c.churned IS NOT NULL GROUP BY 1 ORDER BY 1"
                     : "SELECT '', COUNT(*), COALESCE(SUM(churned), 0) FROM customers WHERE churned IS NOT NULL");
    if (by_attribute) q.bind(1, attribute);
    while (q.executeStep()) {
        const auto customers = q.getColumn(1).getInt64();
        if (customers == 0) continue;
        out[q.getColumn(0).getString()] = churn_count{customers, q.getColumn(2).getInt64()};
    }
    return out;
}

void customer_store::add_events(const std::vector<journey_event_record>& events, std::int64_t now_ms)
{
    SQLite::Transaction transaction(db_.connection());
    SQLite::Statement put(db_.connection(),
        "INSERT INTO journey_events (customer_id, stage, touchpoint, occurred_at, created_at) VALUES (?, ?, ?, ?, ?)");
    for (const auto& e : events) {
        put.bind(1, e.customer_id);
        put.bind(2, e.stage);
        put.bind(3, e.touchpoint);
        put.bind(4, e.occurred_at_ms);
        put.bind(5, now_ms);
        put.exec();
        put.reset();
    }
    transaction.commit();
}

std::vector<journey_event_record> customer_store::events(std::optional<std::int64_t> from_ms,
                                                         std::optional<std::int64_t> to_ms, const std::string& touchpoint)
{
    std::string sql = "SELECT customer_id, stage, touchpoint, occurred_at FROM journey_events WHERE 1";
    if (from_ms) sql += " AND occurred_at >= " + std::to_string(*from_ms);
    if (to_ms) sql += " AND occurred_at < " + std::to_string(*to_ms);
    if (!touchpoint.empty()) sql += " AND touchpoint = ?";
    SQLite::Statement q(db_.connection(), sql);
    if (!touchpoint.empty()) q.bind(1, touchpoint);
    std::vector<journey_event_record> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                       q.getColumn(3).getInt64()});
    return out;
}

}  // namespace opinia::store
