// key_store: API keys with a role, stored only as SHA-256 hashes.
#pragma once
#include <optional>
#include <string>
#include "store/database.hpp"

namespace opinia::store {

enum class key_role { admin, agent };

std::string to_string(key_role role);
std::optional<key_role> parse_key_role(const std::string& text);

struct created_key {
    std::int64_t id = 0;
    std::string key;   // shown once; only its hash is kept
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

private:
    database& db_;
};

}  // namespace opinia::store
