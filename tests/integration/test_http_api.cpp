// HTTP routes over a real socket: pages, keys and roles, filters, security headers, path checks.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include "integration/support/http_client.hpp"
#include "integration/support/server_process.hpp"

using opinia::testing::http_get;
using opinia::testing::server_process;
using nlohmann::json;

using opinia::testing::create_key;

TEST_CASE("health, pages and the widget are served with security headers", "[http]")
{
    server_process server;
    CHECK(json::parse(http_get(server.port(), "/healthz").body) == json{{"status", "ok"}});
    for (const auto* page : {"/", "/admin", "/widget.js", "/s/abc"}) {
        auto response = http_get(server.port(), page);
        INFO(page);
        CHECK(response.status == 200);
        CHECK(response.header("x-content-type-options") == "nosniff");
    }
    auto admin = http_get(server.port(), "/admin");
    CHECK(admin.header("content-security-policy").find("frame-ancestors 'none'") != std::string::npos);
    CHECK(admin.header("content-security-policy").find("script-src 'self'") != std::string::npos);
    CHECK(http_get(server.port(), "/widget.js").header("content-type").find("javascript") != std::string::npos);
}

TEST_CASE("private routes need a key of the right role", "[http][auth]")
{
    server_process server;
    const auto admin = create_key(server, "admin");
    const auto agent = create_key(server, "agent");
    for (const auto* route : {"/api/v1/metrics/summary", "/api/v1/comments", "/api/v1/flows"}) {
        INFO(route);
        CHECK(http_get(server.port(), route).status == 401);
        CHECK(http_get(server.port(), route, "opa_forged").status == 401);
        CHECK(http_get(server.port(), route, agent).status == 403);
        CHECK(http_get(server.port(), route, admin).status == 200);
    }
    auto flows = json::parse(http_get(server.port(), "/api/v1/flows", admin).body);
    CHECK(flows["flows"].size() >= 5);
}

TEST_CASE("bad filters are a 400 naming the field", "[http][bad-input]")
{
    server_process server;
    const auto admin = create_key(server, "admin");
    auto bad_date = http_get(server.port(), "/api/v1/metrics/summary?from=2026-13-01", admin);
    CHECK(bad_date.status == 400);
    CHECK(json::parse(bad_date.body)["error"]["code"] == "invalid_from");
    auto bad_zone = http_get(server.port(), "/api/v1/metrics/summary?tz=Mars/Olympus", admin);
    CHECK(bad_zone.status == 400);
    CHECK(json::parse(bad_zone.body)["error"]["code"] == "invalid_tz");
    auto empty = json::parse(http_get(server.port(), "/api/v1/metrics/summary?flow=%27%20OR%201%3D1--", admin).body);
    CHECK(empty["nps"]["n"] == 0);
    CHECK(empty["nps"]["score"].is_null());
}

TEST_CASE("static paths cannot leave the web root", "[http][paths]")
{
    server_process server;
    for (const auto* target : {"/assets/../../server/main.cpp", "/assets/%2e%2e/%2e%2e/CMakeLists.txt",
                               "/assets/..%2f..%2fCMakeLists.txt", "/assets/.hidden", "/assets/a%00b",
                               "/assets/%5c..%5cCMakeLists.txt", "/nothing-here"}) {
        INFO(target);
        auto status = http_get(server.port(), target).status;
        CHECK((status == 404 || status == 400));
    }
}

TEST_CASE("the OpenAPI document is served, and every private route it lists refuses no key and the wrong role",
          "[http][auth][openapi]")
{
    server_process server;
    const auto served = http_get(server.port(), "/api/v1/openapi.json");
    REQUIRE(served.status == 200);
    const auto document = json::parse(served.body);
    CHECK(document["openapi"] == "3.0.3");

    const auto agent = create_key(server, "agent");
    int private_operations = 0;
    for (const auto& [path, operations] : document["paths"].items()) {
        // Path parameters get a value that names nothing: the key is checked before the value.
        std::string target = path;
        for (auto open = target.find('{'); open != std::string::npos; open = target.find('{'))
            target.replace(open, target.find('}', open) - open + 1, "1");
        for (const auto& [method, operation] : operations.items()) {
            const std::string access = operation.value("x-opinia-access", "");
            if (access == "open") continue;
            INFO(method << " " << path << " (" << access << ")");
            ++private_operations;
            auto verb = method;
            for (auto& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            const std::string body = verb == "GET" || verb == "DELETE" ? "" : "{}";
            const auto anonymous = opinia::testing::http_call(server.port(), verb, target, body);
            CHECK(anonymous.status == 401);
            CHECK(json::parse(anonymous.body)["error"]["code"].is_string());
            const auto as_agent = opinia::testing::http_call(server.port(), verb, target, body, agent);
            if (access == "admin") CHECK(as_agent.status == 403);
            else CHECK((as_agent.status != 401 && as_agent.status != 403));
        }
    }
    CHECK(private_operations >= 30);
}

TEST_CASE("wrong admin passwords are refused before any hashing once the budget is spent", "[http][auth]")
{
    server_process server;
    const auto own_origin = "http://127.0.0.1:" + std::to_string(server.port());
    const auto attempt = [&] {
        return opinia::testing::http_call(server.port(), "POST", "/api/v1/admin/login",
                                          json{{"password", "not the password"}}.dump(), "",
                                          {{"Origin", own_origin}});
    };
    for (int i = 0; i < 10; ++i) REQUIRE(attempt().status == 401);
    const auto refused = attempt();
    CHECK(refused.status == 429);
    CHECK(json::parse(refused.body)["error"]["code"] == "too_many_attempts");
    CHECK(std::stoi(refused.header("retry-after")) >= 1);
    // An admin key still signs in, and everyone else is served.
    const auto key = create_key(server, "admin");
    CHECK(opinia::testing::http_call(server.port(), "POST", "/api/v1/admin/login", json{{"key", key}}.dump(), "",
                                     {{"Origin", own_origin}}).status == 200);
    CHECK(http_get(server.port(), "/healthz").status == 200);
}
