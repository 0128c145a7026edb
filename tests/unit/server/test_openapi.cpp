// Tests of docs/openapi.json against the real server's route table: every route is documented with its
// method, access and path parameters, and nothing is documented under /api/v1/ that the server does not serve.
#include <catch2/catch.hpp>
#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>
#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>
#include "bot/flow_catalog.hpp"
#include "server/app_state.hpp"
#include "server/route_table.hpp"
#include "server/server_settings.hpp"
#include "support_temp_dir.hpp"

using opinia::server::route_access;
using opinia::server::route_table;

namespace {

// API routes served by http_session / http_router outside the route table, as (OpenAPI method, path).
const std::set<std::pair<std::string, std::string>> outside_table{
    {"get", "/api/v1/live"},          // server-sent events: the response never ends
    {"get", "/api/v1/openapi.json"},  // this document
};
// Documented non-API routes the document must also hold.
const std::set<std::pair<std::string, std::string>> documented_pages{
    {"get", "/healthz"},
    {"get", "/metrics"},
};

const std::set<std::string> http_methods{"get", "put", "post", "delete", "options", "head", "patch", "trace"};

// The whole server as `opinia serve` builds it, on a fresh database; destroyed in reverse order.
struct built_server {
    opinia::testing::temp_dir dir;
    opinia::bot::flow_catalog flows;
    boost::asio::io_context ioc;
    std::unique_ptr<opinia::server::app_state> app;

    built_server()
    {
        opinia::server::server_settings settings;
        settings.db_path = dir.file("openapi.db");
        settings.web_root = OPINIA_SOURCE_ROOT "/web/public";
        settings.flows_dir = OPINIA_SOURCE_ROOT "/bot/flows";
        settings.node_modules_dir = OPINIA_SOURCE_ROOT "/node_modules";
        flows.load_directory(settings.flows_dir);
        app = std::make_unique<opinia::server::app_state>(ioc, settings, flows);
    }
};

nlohmann::json load_document()
{
    std::ifstream in(OPINIA_SOURCE_ROOT "/docs/openapi.json");
    REQUIRE(in);
    auto doc = nlohmann::json::parse(in, nullptr, false);
    REQUIRE_FALSE(doc.is_discarded());
    REQUIRE(doc.is_object());
    REQUIRE(doc.contains("paths"));
    REQUIRE(doc.at("paths").is_object());
    return doc;
}

std::string lower(std::string text)
{
    for (auto& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

std::string access_name(route_access access)
{
    switch (access) {
    case route_access::open: return "open";
    case route_access::agent: return "agent";
    case route_access::admin: return "admin";
    }
    return "?";
}

// "{id=42, key=x}", for failure messages.
std::string params_text(const std::map<std::string, std::string>& params)
{
    std::ostringstream out;
    out << '{';
    for (auto it = params.begin(); it != params.end(); ++it)
        out << (it == params.begin() ? "" : ", ") << it->first << '=' << it->second;
    out << '}';
    return out.str();
}

// The names of the "{name}" segments of a path pattern, in order.
std::vector<std::string> captures_of(const std::string& pattern)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while ((start = pattern.find('{', start)) != std::string::npos) {
        const auto end = pattern.find('}', start);
        if (end == std::string::npos) break;
        out.push_back(pattern.substr(start + 1, end - start - 1));
        start = end + 1;
    }
    return out;
}

// A parameter object, following a "#/components/parameters/NAME" reference.
nlohmann::json resolve_parameter(const nlohmann::json& doc, const nlohmann::json& parameter)
{
    if (!parameter.is_object() || !parameter.contains("$ref")) return parameter;
    const std::string prefix = "#/components/parameters/";
    const auto target = parameter.at("$ref").get<std::string>();
    if (target.rfind(prefix, 0) != 0) return nlohmann::json::object();
    const auto name = target.substr(prefix.size());
    if (!doc.contains("components") || !doc.at("components").contains("parameters") ||
        !doc.at("components").at("parameters").contains(name))
        return nlohmann::json::object();
    return doc.at("components").at("parameters").at(name);
}

// Every documented operation as (method, path) → operation object.
std::map<std::pair<std::string, std::string>, nlohmann::json> documented_operations(const nlohmann::json& doc)
{
    std::map<std::pair<std::string, std::string>, nlohmann::json> out;
    for (const auto& [path, item] : doc.at("paths").items()) {
        if (!item.is_object()) continue;
        for (const auto& [method, operation] : item.items())
            if (http_methods.count(method)) out[{method, path}] = operation;
    }
    return out;
}

}  // namespace

TEST_CASE("every route of the route table is documented in docs/openapi.json with its access", "[openapi]")
{
    const auto doc = load_document();
    const auto operations = documented_operations(doc);
    built_server server;
    const auto& routes = server.app->routes;
    const auto listed = routes.list();
    REQUIRE(listed.size() >= 20);  // the whole API was registered, not an empty table

    for (const auto& [method, pattern] : listed) {
        INFO("route " << method << " " << pattern);
        const auto key = std::make_pair(lower(method), pattern);
        const auto found = operations.find(key);
        const bool documented = found != operations.end();
        CHECK(documented);  // not documented: add it under "paths" in docs/openapi.json
        if (!documented) continue;
        const auto& operation = found->second;

        // Asking the table for the pattern itself finds this route, unless an earlier one shadows it.
        route_table::match match{};
        const auto lookup = routes.find(boost::beast::http::string_to_verb(method), pattern, match);
        REQUIRE((lookup == route_table::lookup::found));
        std::map<std::string, std::string> expected_params;
        for (const auto& name : captures_of(pattern)) expected_params[name] = "{" + name + "}";
        const auto matched = params_text(match.params);
        const auto expected = params_text(expected_params);
        CHECK(matched == expected);  // otherwise an earlier route with this method shadows this one
        if (matched != expected) continue;

        const auto access = access_name(match.access);
        REQUIRE(operation.contains("x-opinia-access"));
        REQUIRE(operation.at("x-opinia-access").is_string());
        const auto documented_access = operation.at("x-opinia-access").get<std::string>();
        CHECK(documented_access == access);
        REQUIRE(operation.contains("security"));
        REQUIRE(operation.at("security").is_array());
        if (match.access == route_access::open) {
            CHECK(operation.at("security").empty());
        } else {
            CHECK_FALSE(operation.at("security").empty());
            bool bearer = false;
            for (const auto& requirement : operation.at("security"))
                if (requirement.is_object() && requirement.contains("bearerAuth")) bearer = true;
            CHECK(bearer);
            REQUIRE(operation.contains("responses"));
            CHECK(operation.at("responses").contains("401"));
            if (match.access == route_access::admin) CHECK(operation.at("responses").contains("403"));
        }
    }
}

TEST_CASE("every documented /api/v1/ operation is served by the route table or by name outside it", "[openapi]")
{
    const auto doc = load_document();
    const auto operations = documented_operations(doc);
    built_server server;
    std::set<std::pair<std::string, std::string>> served;
    for (const auto& [method, pattern] : server.app->routes.list()) served.insert({lower(method), pattern});

    for (const auto& [key, operation] : operations) {
        const auto& [method, path] = key;
        INFO("documented " << method << " " << path);
        if (path.rfind("/api/v1/", 0) != 0) continue;
        const bool in_table = served.count(key) > 0;
        const bool outside = outside_table.count(key) > 0;
        CHECK((in_table || outside));  // documented but not served: remove it, or fix its method or path
    }
    for (const auto& key : outside_table) {
        INFO("route served outside the table " << key.first << " " << key.second);
        const bool documented = operations.count(key) == 1;
        CHECK(documented);
    }
    for (const auto& key : documented_pages) {
        INFO("page " << key.first << " " << key.second);
        const bool documented = operations.count(key) == 1;
        CHECK(documented);
    }
}

TEST_CASE("every documented operation has an operationId, an access and its path parameters", "[openapi]")
{
    const auto doc = load_document();
    CHECK(doc.value("openapi", std::string()).rfind("3.0", 0) == 0);
    const auto operations = documented_operations(doc);
    REQUIRE_FALSE(operations.empty());
    std::set<std::string> ids;

    for (const auto& [key, operation] : operations) {
        const auto& [method, path] = key;
        INFO("documented " << method << " " << path);
        REQUIRE(operation.is_object());

        REQUIRE(operation.contains("operationId"));
        REQUIRE(operation.at("operationId").is_string());
        const auto id = operation.at("operationId").get<std::string>();
        CAPTURE(id);
        CHECK(ids.insert(id).second);  // operationIds are unique

        REQUIRE(operation.contains("x-opinia-access"));
        REQUIRE(operation.at("x-opinia-access").is_string());
        const auto access = operation.at("x-opinia-access").get<std::string>();
        CHECK((access == "open" || access == "agent" || access == "admin"));
        REQUIRE(operation.contains("security"));
        REQUIRE(operation.at("security").is_array());
        const bool no_security = operation.at("security").empty();
        CHECK(no_security == (access == "open"));
        REQUIRE(operation.contains("responses"));
        CHECK_FALSE(operation.at("responses").empty());

        // Path parameters come from the path item and the operation; each {name} needs one, required.
        std::map<std::string, bool> path_params;  // name → required
        const auto collect = [&](const nlohmann::json& list) {
            if (!list.is_array()) return;
            for (const auto& p : list) {
                const auto parameter = resolve_parameter(doc, p);
                if (parameter.value("in", std::string()) == "path")
                    path_params[parameter.value("name", std::string())] = parameter.value("required", false);
            }
        };
        const auto& item = doc.at("paths").at(path);
        if (item.contains("parameters")) collect(item.at("parameters"));
        if (operation.contains("parameters")) collect(operation.at("parameters"));

        const auto captures = captures_of(path);
        for (const auto& name : captures) {
            INFO("path parameter {" << name << "}");
            const auto found = path_params.find(name);
            const bool has_parameter = found != path_params.end();
            CHECK(has_parameter);  // add {"name": ..., "in": "path", "required": true} to the operation
            if (has_parameter) CHECK(found->second);
        }
        for (const auto& [name, required] : path_params) {
            INFO("documented path parameter " << name);
            const bool in_path = std::find(captures.begin(), captures.end(), name) != captures.end();
            CHECK(in_path);
        }
    }
}
