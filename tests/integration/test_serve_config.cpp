// opinia serve's settings: config file, OPINIA_* environment and flags, in that rising order; typos stop start-up.
#include <cstdlib>
#include <fstream>
#include <catch2/catch.hpp>
#include "integration/support/chat_client.hpp"
#include "integration/support/server_process.hpp"

using opinia::testing::server_process;
using opinia::testing::upgrade_status;

namespace {

// Sets an environment variable for the servers this scope starts (children inherit it).
struct scoped_environment {
    std::string name;
    scoped_environment(std::string n, const std::string& value) : name(std::move(n))
    {
        setenv(name.c_str(), value.c_str(), 1);
    }
    ~scoped_environment() { unsetenv(name.c_str()); }
};

std::string write_config(const opinia::testing::temp_dir& dir, const std::string& text)
{
    const auto path = dir.file("config.json");
    std::ofstream(path) << text;
    return path;
}

// Runs `opinia serve` expecting it to stop at start-up; returns its exit status and what it printed.
opinia::testing::command_result failed_start(std::vector<std::string> args)
{
    args.insert(args.begin(), {"serve", "--listen", "127.0.0.1:0"});
    return opinia::testing::run_opinia(args);
}

}  // namespace

TEST_CASE("the environment overrides the config file, and a flag overrides both", "[config]")
{
    opinia::testing::temp_dir dir;
    const auto config = write_config(dir, R"({"allowed_origins": ["https://file.example"]})");
    {
        server_process server({"--config", config});
        CHECK(upgrade_status(server.port(), "https://file.example") == 101);
    }
    scoped_environment origins("OPINIA_ALLOWED_ORIGINS", "https://env.example,https://env2.example");
    {
        server_process server({"--config", config});
        CHECK(upgrade_status(server.port(), "https://env.example") == 101);
        CHECK(upgrade_status(server.port(), "https://env2.example") == 101);
        CHECK(upgrade_status(server.port(), "https://file.example") == 403);
    }
    {
        server_process server({"--config", config, "--allow-origin", "https://flag.example"});
        CHECK(upgrade_status(server.port(), "https://flag.example") == 101);
        CHECK(upgrade_status(server.port(), "https://env.example") == 403);
    }
}

TEST_CASE("a misspelt or mistyped setting stops start-up with the key named", "[config][startup]")
{
    opinia::testing::temp_dir dir;
    const auto db = dir.file("opinia.db");
    SECTION("unknown key in the config file")
    {
        const auto config = write_config(dir, R"({"max_ws_mesage_bytes": 100})");
        const auto [status, out] = failed_start({"--db", db, "--config", config});
        CHECK(out.find("unknown setting 'max_ws_mesage_bytes'") != std::string::npos);
        CHECK(status == 1);
        CHECK(out.find("listening") == std::string::npos);
    }
    SECTION("wrong type in the environment")
    {
        scoped_environment body("OPINIA_MAX_HTTP_BODY_BYTES", "lots");
        const auto [status, out] = failed_start({"--db", db});
        CHECK(out.find("environment: setting 'max_http_body_bytes' has the wrong type") != std::string::npos);
        CHECK(status == 1);
    }
    SECTION("a config file that is not JSON")
    {
        const auto config = write_config(dir, "max_ws_message_bytes = 100");
        const auto [status, out] = failed_start({"--db", db, "--config", config});
        CHECK(out.find("is not a JSON object") != std::string::npos);
        CHECK(status == 1);
    }
}

TEST_CASE("every HTTP answer carries a request id", "[config][logs]")
{
    server_process server;
    const auto first = opinia::testing::http_get(server.port(), "/healthz");
    const auto second = opinia::testing::http_get(server.port(), "/nope");
    REQUIRE(!first.header("x-request-id").empty());
    REQUIRE(!second.header("x-request-id").empty());
    CHECK(first.header("x-request-id") != second.header("x-request-id"));
    CHECK(second.status == 404);
}
