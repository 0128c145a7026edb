// key_routes: /api/v1/keys — admins create, list and revoke API keys (the key itself is shown only once).
#pragma once
#include <functional>
#include "server/route_table.hpp"
#include "store/key_store.hpp"

namespace opinia::server {

void add_key_routes(route_table& routes, store::key_store& keys, std::function<std::int64_t()> now_ms);

}  // namespace opinia::server
