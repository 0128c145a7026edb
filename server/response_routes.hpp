// response_routes: /api/v1/responses, /api/v1/conversations (+ transcript), /api/v1/export/* as CSV or NDJSON.
#pragma once
#include "server/route_table.hpp"
#include "store/response_listing.hpp"
#include "store/response_store.hpp"

namespace opinia::server {

struct export_settings {
    int page_rows = 1000;       // rows read per query while building an export
    int max_rows = 200000;      // beyond this an export is refused: narrow the filter
    int max_list_limit = 500;   // `limit` of a listing page
};

void add_response_routes(route_table& routes, store::response_listing& listing, store::response_store& responses,
                         export_settings settings = {});

}  // namespace opinia::server
