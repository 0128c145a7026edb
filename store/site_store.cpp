// site_store: SQL for sites; origins are kept as a JSON array.
#include "store/site_store.hpp"
#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>
#include "store/secret_token.hpp"

namespace opinia::store {

namespace {

site_record read_site(SQLite::Statement& q)
{
    site_record s;
    s.id = q.getColumn(0).getInt64();
    s.public_key = q.getColumn(1).getString();
    s.name = q.getColumn(2).getString();
    s.secret = q.getColumn(3).getString();
    auto origins = nlohmann::json::parse(q.getColumn(4).getString(), nullptr, false);
    if (origins.is_array())
        for (const auto& o : origins)
            if (o.is_string()) s.origins.push_back(o.get<std::string>());
    s.created_at_ms = q.getColumn(5).getInt64();
    return s;
}

constexpr const char* site_select = "SELECT id, public_key, name, secret, origins, created_at FROM sites";

}  // namespace

site_store::site_store(database& db) : db_(db) {}

site_record site_store::create(const std::string& name, const std::vector<std::string>& origins, std::int64_t now_ms)
{
    site_record s;
    s.public_key = make_secret_token("site_", 8);
    s.secret = make_secret_token("sss_", 32);
    s.name = name;
    s.origins = origins;
    s.created_at_ms = now_ms;
    SQLite::Statement q(db_.connection(),
                        "INSERT INTO sites (public_key, name, secret, origins, created_at) VALUES (?,?,?,?,?)");
    q.bind(1, s.public_key);
    q.bind(2, s.name);
    q.bind(3, s.secret);
    q.bind(4, nlohmann::json(origins).dump());
    q.bind(5, static_cast<std::int64_t>(now_ms));
    q.exec();
    s.id = db_.connection().getLastInsertRowid();
    return s;
}

std::optional<site_record> site_store::find(const std::string& public_key)
{
    if (public_key.empty() || public_key.size() > 128) return std::nullopt;
    SQLite::Statement q(db_.connection(), std::string(site_select) + " WHERE public_key = ?");
    q.bind(1, public_key);
    if (!q.executeStep()) return std::nullopt;
    return read_site(q);
}

std::vector<site_record> site_store::list()
{
    SQLite::Statement q(db_.connection(), std::string(site_select) + " ORDER BY id");
    std::vector<site_record> out;
    while (q.executeStep()) out.push_back(read_site(q));
    return out;
}

bool site_store::remove(const std::string& public_key)
{
    SQLite::Statement q(db_.connection(), "DELETE FROM sites WHERE public_key = ?");
    q.bind(1, public_key);
    return q.exec() == 1;
}

bool site_store::allows_origin(const std::string& origin)
{
    if (origin.empty() || origin.size() > 300) return false;
    SQLite::Statement q(db_.connection(),
                        "SELECT 1 FROM sites, json_each(sites.origins) WHERE json_each.value = ? LIMIT 1");
    q.bind(1, origin);
    return q.executeStep();
}

}  // namespace opinia::store
