// server_config: config file keys, OPINIA_* environment variables, and refusals that name the key.
#include <map>
#include <catch2/catch.hpp>
#include "server/server_config.hpp"

using namespace opinia::server;
using nlohmann::json;

namespace {

json environment(const std::map<std::string, std::string>& vars)
{
    return read_config_environment([&vars](const char* name) -> const char* {
        auto it = vars.find(name);
        return it == vars.end() ? nullptr : it->second.c_str();
    });
}

std::string refusal(const json& config)
{
    server_settings settings;
    try {
        apply_config(config, "test.json", settings);
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("a config object sets the keys it names and leaves the others at their defaults", "[server_config]")
{
    server_settings settings;
    const server_settings defaults;
    apply_config(json{{"max_ws_message_bytes", 4096}, {"ws_idle_timeout_seconds", 12},
                      {"connections_per_ip_per_second", 5.5}, {"conversation_idle_minutes", 2},
                      {"max_failed_reads", 5}, {"allowed_origins", {"https://shop.example"}},
                      {"listen", "0.0.0.0:9000"}, {"webhooks", {{"max_attempts", 3}}},
                      {"invites", {{"throttle_days", 7}}}},
                 "test.json", settings);
    CHECK(settings.max_ws_message_bytes == 4096);
    CHECK(settings.ws_idle_timeout == std::chrono::seconds(12));
    CHECK(settings.per_ip.connections_per_second == 5.5);
    CHECK(settings.engine.idle_timeout_ms == 120'000);
    CHECK(settings.engine.max_failed_reads == 5);
    CHECK(settings.allowed_origins == std::vector<std::string>{"https://shop.example"});
    CHECK(settings.listen_host == "0.0.0.0");
    CHECK(settings.listen_port == 9000);
    CHECK(settings.webhooks.max_attempts == 3);
    CHECK(settings.webhooks.retry_base_ms == defaults.webhooks.retry_base_ms);
    CHECK(settings.invites.defaults.throttle_days == 7);
    CHECK(settings.max_http_body_bytes == defaults.max_http_body_bytes);
    CHECK(settings.http_timeout == defaults.http_timeout);
}

TEST_CASE("OPINIA_<KEY> environment variables are read as JSON, or as text", "[server_config]")
{
    const auto config = environment({{"OPINIA_MAX_HTTP_BODY_BYTES", "2048"},
                                     {"OPINIA_ALLOWED_ORIGINS", "https://a.example,https://b.example"},
                                     {"OPINIA_DB", "/var/lib/opinia/opinia.db"},
                                     {"OPINIA_INVITES", R"({"sample_percent": 50})"},
                                     {"OPINIA_NOT_A_SETTING", "1"}});
    CHECK(config.size() == 4);
    server_settings settings;
    apply_config(config, "environment", settings);
    CHECK(settings.max_http_body_bytes == 2048);
    CHECK(settings.allowed_origins == std::vector<std::string>{"https://a.example", "https://b.example"});
    CHECK(settings.db_path == "/var/lib/opinia/opinia.db");
    CHECK(settings.invites.defaults.sample_percent == 50);
}

TEST_CASE("an environment list may also be given as JSON", "[server_config]")
{
    server_settings settings;
    apply_config(environment({{"OPINIA_ALLOWED_ORIGINS", R"(["https://c.example"])"}}), "environment", settings);
    CHECK(settings.allowed_origins == std::vector<std::string>{"https://c.example"});
}

TEST_CASE("bad settings are refused with the source and the key named", "[server_config]")
{
    struct bad_case {
        json config;
        std::string expected;
    };
    const std::vector<bad_case> cases = {
        {{{"max_ws_mesage_bytes", 10}}, "test.json: unknown setting 'max_ws_mesage_bytes'"},
        {{{"max_ws_message_bytes", "big"}}, "test.json: setting 'max_ws_message_bytes' has the wrong type"},
        {{{"max_http_body_bytes", -1}}, "test.json: setting 'max_http_body_bytes' must not be negative"},
        {{{"allowed_origins", 7}}, "test.json: setting 'allowed_origins' has the wrong type"},
        {{{"allowed_origins", {"shop.example"}}}, "setting 'allowed_origins': 'shop.example' is not an origin"},
        {{{"allowed_origins", {"https://ok.example", "https://shop.example/cart"}}}, "'https://shop.example/cart' is not an origin"},
        {{{"allowed_origins", {"ftp://files.example"}}}, "'ftp://files.example' is not an origin"},
        {{{"listen", "localhost"}}, "test.json: setting 'listen': expected HOST:PORT, got 'localhost'"},
        {{{"listen", "127.0.0.1:70000"}}, "test.json: setting 'listen': the port must be a number from 0 to 65535"},
        {{{"webhooks", {{"retries", 2}}}}, "test.json: setting 'webhooks': unknown setting 'webhooks.retries'"},
        {{{"webhooks", {{"max_attempts", 0}}}}, "webhooks.max_attempts must be a whole number above 0"},
        {{{"invites", {{"expiry", 2}}}}, "test.json: setting 'invites': unknown setting 'invites.expiry'"},
        {{{"invites", {{"flows", {{"nps", {{"sample", 5}}}}}}}}, "unknown setting 'invites.flows.nps.sample'"},
    };
    for (const auto& c : cases) {
        INFO(c.config.dump());
        CHECK_THAT(refusal(c.config), Catch::Matchers::Contains(c.expected));
    }
}

TEST_CASE("listen addresses: IPv4, bracketed IPv6, port 0", "[server_config]")
{
    server_settings settings;
    apply_listen_address("[::1]:0", settings);
    CHECK(settings.listen_host == "::1");
    CHECK(settings.listen_port == 0);
    CHECK_THROWS_WITH(apply_listen_address("127.0.0.1:80x", settings),
                      "the port must be a number from 0 to 65535");
    CHECK_THROWS_WITH(apply_listen_address(":80", settings), "expected HOST:PORT, got ':80'");
}
