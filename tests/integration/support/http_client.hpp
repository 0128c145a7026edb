// http_client: any HTTP method with a body over a real socket, for API tests (http_get covers plain GETs).
#pragma once
#include <string>
#include <utility>
#include <vector>
#include <nlohmann/json.hpp>
#include "integration/support/server_process.hpp"

namespace opinia::testing {

// `method` is "GET", "POST", "DELETE" …; `body` is sent as application/json when not empty.
http_result http_call(unsigned short port, const std::string& method, const std::string& target,
                      const std::string& body = "", const std::string& bearer = "",
                      const std::vector<std::pair<std::string, std::string>>& headers = {});

// POSTs `body` as JSON.
http_result http_post_json(unsigned short port, const std::string& target, const nlohmann::json& body,
                           const std::string& bearer);

// `opinia keys create --role ROLE` against the server's database; the new key.
std::string create_key(const server_process& server, const std::string& role);

}  // namespace opinia::testing
