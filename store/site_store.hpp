// site_store: sites that embed the widget — a public key, a secret for signing customer ids, allowed origins.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include "store/database.hpp"

namespace opinia::store {

struct site_record {
    std::int64_t id = 0;
    std::string public_key;
    std::string name;
    std::string secret;   // kept readable: the server must recompute customer signatures with it
    std::vector<std::string> origins;
    std::int64_t created_at_ms = 0;
};

class site_store {
public:
    explicit site_store(database& db);

    site_record create(const std::string& name, const std::vector<std::string>& origins, std::int64_t now_ms);
    std::optional<site_record> find(const std::string& public_key);
    std::vector<site_record> list();
    bool remove(const std::string& public_key);
    // Whether any site lists `origin` (scheme://host[:port]) among its allowed origins.
    bool allows_origin(const std::string& origin);

private:
    database& db_;
};

}  // namespace opinia::store
