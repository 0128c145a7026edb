// Agents' invites over real HTTP and the chat socket: shapes, duplicate (H09), throttling, sampling, expiry,
// one conversation per invite, and signed versus forged customer identities.
#include <fstream>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <SQLiteCpp/Database.h>
#include "integration/support/chat_client.hpp"
#include "integration/support/http_client.hpp"
#include "integration/support/server_process.hpp"
#include "store/database.hpp"
#include "store/response_store.hpp"
#include "store/secret_token.hpp"
#include "support_temp_dir.hpp"

using namespace opinia::testing;
using nlohmann::json;

namespace {

json invite_body(const std::string& flow, const std::string& customer, const std::string& interaction)
{
    return {{"flow", flow},
            {"customer", {{"id", customer}}},
            {"context", {{"agent", "ewa"}, {"channel", "email"}, {"touchpoint", "support"},
                         {"interaction", interaction}, {"stage", "retention"}}}};
}

json post_invite(const server_process& server, const json& body, const std::string& key, int expected_status)
{
    auto r = http_post_json(server.port(), "/api/v1/invites", body, key);
    INFO(r.body);
    REQUIRE(r.status == expected_status);
    return json::parse(r.body);
}

std::int64_t count_rows(const server_process& server, const std::string& table)
{
    SQLite::Database db(server.db_path(), SQLite::OPEN_READONLY);
    return db.execAndGet("SELECT COUNT(*) FROM " + table).getInt64();
}

opinia::store::conversation_record stored_conversation(const server_process& server, const std::string& id)
{
    opinia::store::database db({server.db_path()});
    opinia::store::response_store store(db);
    auto c = store.find_conversation(id);
    REQUIRE(c);
    return *c;
}

std::string token_of(const std::string& url)
{
    return url.substr(url.rfind('/') + 1);
}

// A config file giving invites' rules, for a server started with --config.
std::string write_config(const temp_dir& dir, const json& invites)
{
    const auto path = dir.file("config.json");
    std::ofstream(path) << json{{"invites", invites}}.dump();
    return path;
}

}  // namespace

TEST_CASE("an agent creates an invite; the same interaction again is a duplicate (H09)", "[invites]")
{
    server_process server;
    const auto agent = create_key(server, "agent");
    auto created = post_invite(server, invite_body("post_contact", "cust-1", "ticket-100"), agent, 201);
    CHECK(created["status"] == "created");
    const auto token = created["invite"].get<std::string>();
    CHECK(token.size() > 20);
    CHECK(created["url"] == "http://127.0.0.1:" + std::to_string(server.port()) + "/s/" + token);
    CHECK(created["expires_at"].get<std::string>().size() == 20);   // 2026-01-08T10:00:00Z
    CHECK(http_get(server.port(), "/s/" + token).status == 200);

    auto again = post_invite(server, invite_body("post_contact", "cust-1", "ticket-100"), agent, 200);
    CHECK(again["status"] == "duplicate");
    CHECK(again.value("invite", "") == "");   // the token is never shown twice
    CHECK(count_rows(server, "invites") == 1);
}

TEST_CASE("a customer offered a survey is throttled on every channel for the flow's days", "[invites]")
{
    temp_dir dir;
    const auto config = write_config(dir, {{"flows", {{"csat", {{"throttle_days", 0}}}}}});
    server_process server({"--config", config});
    const auto agent = create_key(server, "agent");
    post_invite(server, invite_body("nps", "cust-2", "chat-1"), agent, 201);
    auto other_channel = invite_body("nps", "cust-2", "call-7");
    other_channel["context"]["channel"] = "phone";
    auto throttled = post_invite(server, other_channel, agent, 200);
    CHECK(throttled["status"] == "throttled");
    CHECK(throttled["throttle_days"] == 30);
    CHECK(throttled.contains("next_allowed_at"));
    // Another customer is not affected; a flow configured with 0 days never throttles.
    post_invite(server, invite_body("nps", "cust-3", "chat-2"), agent, 201);
    post_invite(server, invite_body("csat", "cust-2", "chat-3"), agent, 201);
    CHECK(count_rows(server, "invites") == 3);
}

TEST_CASE("sampling is sticky per customer", "[invites]")
{
    temp_dir dir;
    const auto config = write_config(dir, {{"flows", {{"nps", {{"sample_percent", 50}, {"throttle_days", 0}}}}}});
    server_process server({"--config", config});
    const auto agent = create_key(server, "agent");
    std::map<std::string, std::string> first;
    int in = 0, out = 0;
    for (int i = 0; i < 40; ++i) {
        const auto customer = "sample-" + std::to_string(i);
        auto r = http_post_json(server.port(), "/api/v1/invites", invite_body("nps", customer, "a-" + customer), agent);
        const auto status = json::parse(r.body)["status"].get<std::string>();
        first[customer] = status;
        (status == "created" ? in : out) += 1;
        CHECK((status == "created" || status == "sampled_out"));
    }
    CHECK(in > 5);
    CHECK(out > 5);
    for (const auto& [customer, status] : first) {
        auto r = http_post_json(server.port(), "/api/v1/invites", invite_body("nps", customer, "b-" + customer), agent);
        INFO(customer);
        CHECK(json::parse(r.body)["status"] == status);
    }
}

TEST_CASE("bad invite requests are a 4xx naming the problem, and store nothing", "[invites][bad-input]")
{
    server_process server;
    const auto agent = create_key(server, "agent");
    const auto port = server.port();
    const auto code = [&](const std::string& body, int status) {
        auto r = http_call(port, "POST", "/api/v1/invites", body, agent);
        INFO(body << " -> " << r.body);
        CHECK(r.status == status);
        return json::parse(r.body)["error"]["code"].get<std::string>();
    };
    CHECK(code("{\"flow\": \"nps\", ", 400) == "malformed_json");
    CHECK(code("[1,2]", 400) == "malformed_json");
    CHECK(code(R"({"flow":"nope","customer":{"id":"c"}})", 400) == "unknown_flow");
    CHECK(code(R"({"customer":{"id":"c"}})", 400) == "missing_flow");
    CHECK(code(R"({"flow":"nps"})", 400) == "missing_customer_id");
    CHECK(code(R"({"flow":"nps","customer":{"id":""}})", 400) == "missing_customer_id");
    CHECK(code(R"({"flow":"nps","customer":{"id":7}})", 400) == "invalid_customer_id");
    CHECK(code(R"({"flow":"nps","customer":"c"})", 400) == "invalid_customer");
    CHECK(code(R"({"flow":"nps","customer":{"id":"c"},"context":{"agent":["x"]}})", 400) == "invalid_context_agent");
    CHECK(code(R"({"flow":"nps","customer":{"id":")" + std::string(300, 'x') + R"("}})", 400) == "invalid_customer_id");
    CHECK(code(R"({"flow":"nps","customer":{"id":"c"},"expires_in_days":0})", 400) == "invalid_expires_in_days");
    CHECK(code(R"({"flow":"nps","customer":{"id":"c"},"context":{"stage":"bogus"}})", 400) == "invalid_context_stage");
    CHECK(http_post_json(port, "/api/v1/invites", invite_body("nps", "c", "i"), "").status == 401);
    CHECK(http_post_json(port, "/api/v1/invites", invite_body("nps", "c", "i"), "opg_forged").status == 401);
    CHECK(http_call(port, "POST", "/api/v1/invites", std::string(2 * 1024 * 1024, ' '), agent).status == 413);
    CHECK(count_rows(server, "invites") == 0);
    CHECK(http_get(port, "/healthz").status == 200);
}

TEST_CASE("agents read their own invites; admins read all", "[invites][auth]")
{
    server_process server;
    const auto ewa = create_key(server, "agent");
    const auto jan = create_key(server, "agent");
    const auto admin = create_key(server, "admin");
    const auto mine = post_invite(server, invite_body("nps", "c-ewa", "t-1"), ewa, 201)["id"].get<int>();
    const auto theirs = post_invite(server, invite_body("nps", "c-jan", "t-2"), jan, 201)["id"].get<int>();
    auto list = json::parse(http_get(server.port(), "/api/v1/invites", ewa).body)["invites"];
    REQUIRE(list.size() == 1);
    CHECK(list[0]["id"] == mine);
    CHECK(list[0]["status"] == "pending");
    CHECK(list[0]["context"]["agent"] == "ewa");
    CHECK(http_get(server.port(), "/api/v1/invites/" + std::to_string(theirs), ewa).status == 404);
    CHECK(http_get(server.port(), "/api/v1/invites/" + std::to_string(theirs), jan).status == 200);
    CHECK(json::parse(http_get(server.port(), "/api/v1/invites", admin).body)["invites"].size() == 2);
    auto page = json::parse(http_get(server.port(), "/api/v1/invites?limit=1", admin).body);
    REQUIRE(page["invites"].size() == 1);
    auto rest = json::parse(
        http_get(server.port(), "/api/v1/invites?limit=1&cursor=" + page["next_cursor"].get<std::string>(), admin).body);
    REQUIRE(rest["invites"].size() == 1);
    CHECK(rest["invites"][0]["id"] != page["invites"][0]["id"]);
}

TEST_CASE("an invite leads to one conversation with the agent's context; opening it again resumes it", "[invites][chat]")
{
    server_process server;
    const auto agent = create_key(server, "agent");
    const auto token = token_of(post_invite(server, invite_body("nps", "cust-9", "ticket-9"), agent, 201)["url"]);

    chat_client first(server.port());
    first.send({{"type", "start"}, {"invite", token}, {"locale", "pl"}});
    auto opened = first.receive_until("ask");
    REQUIRE(opened.front()["type"] == "conversation");
    const auto conversation = opened.front()["conversation"].get<std::string>();
    CHECK(opened.front()["flow"] == "nps");
    CHECK(opened.front()["locale"] == "pl");
    first.send({{"type", "answer"}, {"id", "m1"}, {"step", "nps"}, {"value", 9}});
    CHECK(first.receive_until("ask").front()["type"] == "ack");

    chat_client second(server.port());
    second.send({{"type", "start"}, {"invite", token}});
    auto resumed = second.receive_until("ask");
    CHECK(resumed.front()["conversation"] == conversation);  // the same conversation, replayed
    CHECK(resumed.back()["step"] == "nps");
    auto rest = second.receive_until("ask");
    CHECK(rest.front()["type"] == "ack");
    CHECK(rest.back()["step"] == "why");
    CHECK(count_rows(server, "conversations") == 1);

    const auto stored = stored_conversation(server, conversation);
    CHECK(stored.customer_id == "cust-9");
    CHECK(stored.customer_verified);
    CHECK(stored.agent == "ewa");
    CHECK(stored.channel == "email");
    CHECK(stored.touchpoint == "support");
    CHECK(stored.interaction == "ticket-9");
    CHECK(stored.stage == "retention");

    second.send({{"type", "answer"}, {"id", "m2"}, {"step", "why"}, {"text", "quick"}});
    CHECK(second.receive_until("done").front()["type"] == "ack");
    chat_client third(server.port());
    third.send({{"type", "start"}, {"invite", token}});
    auto used = third.receive();
    CHECK(used["type"] == "error");
    CHECK(used["code"] == "invalid_invite");
    auto listed = json::parse(http_get(server.port(), "/api/v1/invites", agent).body)["invites"][0];
    CHECK(listed["status"] == "completed");
    CHECK(listed["conversation"] == conversation);
}

TEST_CASE("an invite's locale, chosen by the agent, wins over the browser's", "[invites][chat]")
{
    server_process server;
    const auto agent = create_key(server, "agent");
    auto body = invite_body("nps", "cust-10", "ticket-10");
    body["locale"] = "pl";
    const auto token = token_of(post_invite(server, body, agent, 201)["url"]);
    chat_client client(server.port());
    client.send({{"type", "start"}, {"invite", token}, {"locale", "en"}});
    const auto opened = client.receive_until("ask");
    CHECK(opened.front()["locale"] == "pl");
    CHECK(opened.back()["text"].get<std::string>().find("polecisz") != std::string::npos);
}

TEST_CASE("unknown and expired invites are refused over the chat", "[invites][chat][bad-input]")
{
    server_process server;
    const auto agent = create_key(server, "agent");
    chat_client client(server.port());
    client.send({{"type", "start"}, {"invite", "i_not_a_real_token"}});
    auto unknown = client.receive();
    CHECK(unknown["type"] == "error");
    CHECK(unknown["code"] == "invalid_invite");

    const auto token = token_of(post_invite(server, invite_body("nps", "late", "t-late"), agent, 201)["url"]);
    {
        SQLite::Database db(server.db_path(), SQLite::OPEN_READWRITE);
        db.exec("UPDATE invites SET expires_at = 1000");
    }
    client.send({{"type", "start"}, {"invite", token}});
    auto expired = client.receive();
    CHECK(expired["code"] == "expired");
    CHECK(count_rows(server, "conversations") == 0);
}

TEST_CASE("a site's signed customer id is verified; a forged one is refused; an unsigned one is unverified",
          "[invites][sites]")
{
    server_process server;
    const auto admin = create_key(server, "admin");
    auto site_response = http_post_json(server.port(), "/api/v1/sites",
                                        {{"name", "shop"}, {"origins", {"https://shop.example"}}}, admin);
    REQUIRE(site_response.status == 201);
    const auto site = json::parse(site_response.body);
    const auto key = site["key"].get<std::string>();
    const auto secret = site["secret"].get<std::string>();
    CHECK(json::parse(http_get(server.port(), "/api/v1/sites", admin).body)["sites"][0].value("secret", "") == "");

    const auto start = [&](const json& customer) {
        chat_client client(server.port());
        client.send({{"type", "start"}, {"flow", "nps"}, {"site", key}, {"customer", customer}});
        return client.receive();
    };
    auto signed_start = start({{"id", "cust-42"}, {"signature", opinia::store::hmac_sha256_hex(secret, "cust-42")}});
    REQUIRE(signed_start["type"] == "conversation");
    CHECK(stored_conversation(server, signed_start["conversation"]).customer_verified);

    auto forged = start({{"id", "cust-43"}, {"signature", opinia::store::hmac_sha256_hex(secret, "cust-42")}});
    CHECK(forged["type"] == "error");
    CHECK(forged["code"] == "invalid_signature");
    auto wrong_secret = start({{"id", "cust-42"}, {"signature", opinia::store::hmac_sha256_hex("guess", "cust-42")}});
    CHECK(wrong_secret["code"] == "invalid_signature");

    auto unsigned_start = start({{"id", "cust-42"}});
    REQUIRE(unsigned_start["type"] == "conversation");
    const auto unverified = stored_conversation(server, unsigned_start["conversation"]);
    CHECK(unverified.customer_id == "cust-42");
    CHECK_FALSE(unverified.customer_verified);
    CHECK(count_rows(server, "conversations") == 2);
}
