// key_store: API keys with a role, stored only as SHA-256 hashes.
#pragma once
#include <optional>
#include <string>
#include <vector>
#include "store/database.hpp"

namespace opinia::store {

enum class key_role { admin, agent };

std::string to_string(key_role role);
std::optional<key_role> parse_key_role(const std::string& text);

struct created_key {
    std::int64_t id = 0;
    std::string key;   // shown once; only its hash is kept
};

// A key as admins see it: never the key itself.
struct key_info {
    std::int64_t id = 0;
    std::string name;
    key_role role = key_role::agent;
    std::int64_t created_at_ms = 0;
    std::optional<std::int64_t> last_used_at_ms;
    std::optional<std::int64_t> revoked_at_ms;
};

struct authenticated_key {
    std::int64_t id = 0;
    key_role role = key_role::agent;
};

class key_store {
public:
    explicit key_store(database& db);

    created_key create(key_role role, const std::string& name, std::int64_t now_ms);

    // The role of a valid, unrevoked key (and records its use), or nothing.
    std::optional<authenticated_key> authenticate(const std::string& key, std::int64_t now_ms);

    // Every key, oldest first, revoked ones included.
    std::vector<key_info> list();
    std::optional<key_info> find(std::int64_t id);

    // False when there is no such key or it was already revoked.
    bool revoke(std::int64_t id, std::int64_t now_ms);

private:
    database& db_;
};

}  // namespace opinia::store
