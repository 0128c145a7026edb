// invite_routes: POST/GET /api/v1/invites — agents ask for a survey of one interaction, and see what they asked for.
#pragma once
#include <functional>
#include "bot/flow_catalog.hpp"
#include "server/invite_policy.hpp"
#include "server/route_table.hpp"
#include "store/invite_store.hpp"

namespace opinia::server {

void add_invite_routes(route_table& routes, store::invite_store& invites, const bot::flow_catalog& flows,
                       const invite_settings& settings, std::function<std::int64_t()> now_ms);

}  // namespace opinia::server
