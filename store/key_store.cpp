// key_store: SQL for API keys.
#include "store/key_store.hpp"
#include <SQLiteCpp/Statement.h>
#include "store/secret_token.hpp"

namespace opinia::store {

std::string to_string(key_role role)
{
    return role == key_role::admin ? "admin" : "agent";
}

std::optional<key_role> parse_key_role(const std::string& text)
{
    if (text == "admin") return key_role::admin;
    if (text == "agent") return key_role::agent;
    return std::nullopt;
}

key_store::key_store(database& db) : db_(db) {}

created_key key_store::create(key_role role, const std::string& name, std::int64_t now_ms)
{
    created_key out;
    out.key = make_secret_token(role == key_role::admin ? "opa_" : "opg_", 24);
    SQLite::Statement q(db_.connection(),
                        "INSERT INTO api_keys (name, role, key_hash, created_at) VALUES (?, ?, ?, ?)");
    q.bind(1, name);
    q.bind(2, to_string(role));
    q.bind(3, sha256_hex(out.key));
    q.bind(4, static_cast<std::int64_t>(now_ms));
    q.exec();
    out.id = db_.connection().getLastInsertRowid();
    return out;
}

std::optional<authenticated_key> key_store::authenticate(const std::string& key, std::int64_t now_ms)
{
    if (key.empty() || key.size() > 256)
        return std::nullopt;
    // Looking up by hash means the secret itself is never compared byte by byte.
    SQLite::Statement q(db_.connection(),
                        "SELECT id, role FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL");
    q.bind(1, sha256_hex(key));
    if (!q.executeStep())
        return std::nullopt;
    const auto id = q.getColumn(0).getInt64();
    auto role = parse_key_role(q.getColumn(1).getString());
    q.reset();
    // A write per request would contend with the answer writer; a minute's precision is enough.
    SQLite::Statement touch(db_.connection(),
        "UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)");
    touch.bind(1, static_cast<std::int64_t>(now_ms));
    touch.bind(2, static_cast<std::int64_t>(id));
    touch.bind(3, static_cast<std::int64_t>(now_ms - 60'000));
    touch.exec();
    if (!role) return std::nullopt;
    return authenticated_key{id, *role};
}

namespace {

constexpr const char* key_select = "SELECT id, name, role, created_at, last_used_at, revoked_at FROM api_keys";

key_info read_key(SQLite::Statement& q)
{
    key_info k;
    k.id = q.getColumn(0).getInt64();
    k.name = q.getColumn(1).getString();
    k.role = parse_key_role(q.getColumn(2).getString()).value_or(key_role::agent);
    k.created_at_ms = q.getColumn(3).getInt64();
    if (!q.getColumn(4).isNull()) k.last_used_at_ms = q.getColumn(4).getInt64();
    if (!q.getColumn(5).isNull()) k.revoked_at_ms = q.getColumn(5).getInt64();
    return k;
}

}  // namespace

std::vector<key_info> key_store::list()
{
    SQLite::Statement q(db_.connection(), std::string(key_select) + " ORDER BY id");
    std::vector<key_info> out;
    while (q.executeStep()) out.push_back(read_key(q));
    return out;
}

std::optional<key_info> key_store::find(std::int64_t id)
{
    SQLite::Statement q(db_.connection(), std::string(key_select) + " WHERE id = ?");
    q.bind(1, static_cast<std::int64_t>(id));
    if (!q.executeStep()) return std::nullopt;
    return read_key(q);
}

bool key_store::revoke(std::int64_t id, std::int64_t now_ms)
{
    SQLite::Statement q(db_.connection(), "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
    q.bind(1, static_cast<std::int64_t>(now_ms));
    q.bind(2, static_cast<std::int64_t>(id));
    return q.exec() == 1;
}

}  // namespace opinia::store
