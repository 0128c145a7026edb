// Webhooks over real sockets: signed events for detractors and completed responses, a forced failure and a
// crash in between, the event still delivered once; the delivery log and the API's refusals.
#include <atomic>
#include <fstream>
#include <thread>
#include <set>
#include <catch2/catch.hpp>
#include "integration/support/chat_client.hpp"
#include "integration/support/http_client.hpp"
#include "integration/support/server_process.hpp"
#include "integration/support/webhook_receiver.hpp"
#include "store/secret_token.hpp"

using opinia::testing::chat_client;
using opinia::testing::create_key;
using opinia::testing::http_call;
using opinia::testing::http_post_json;
using opinia::testing::received_request;
using opinia::testing::server_process;
using opinia::testing::webhook_receiver;
using nlohmann::json;

namespace {

// Retries within a test's patience: 200 ms, then 400 ms …
std::string fast_retry_config(const opinia::testing::temp_dir& dir)
{
    const auto path = dir.file("opinia.json");
    std::ofstream(path) << R"({"webhooks": {"retry_base_ms": 200, "idle_poll_ms": 100, "timeout_ms": 2000}})";
    return path;
}

// Answers the nps flow with `score` and a comment, to the end.
std::string answer_nps(unsigned short port, int score, const std::string& why)
{
    chat_client client(port);
    client.send({{"type", "start"}, {"flow", "nps"}, {"locale", "en"}, {"customer", {{"id", "cust-7"}}},
                 {"context", {{"agent", "anna"}, {"channel", "email"}}}});
    const auto opened = client.receive_until("ask");
    client.send({{"type", "answer"}, {"id", "m1"}, {"step", "nps"}, {"value", score}});
    client.receive_until("ask");
    client.send({{"type", "answer"}, {"id", "m2"}, {"step", "why"}, {"text", why}});
    client.receive_until("done");
    return opened.front()["conversation"];
}

// Requests for `event_id` that the receiver answered with `status` (0: with any status).
std::size_t attempts_answered(const std::vector<received_request>& requests, const std::string& event_id, int status)
{
    std::size_t n = 0;
    for (const auto& r : requests)
        if ((status == 0 || r.answered == status) && r.headers.count("opinia-delivery") &&
            r.headers.at("opinia-delivery") == event_id)
            ++n;
    return n;
}

std::size_t delivered_count(const std::vector<received_request>& requests, const std::string& event_id)
{
    return attempts_answered(requests, event_id, 200);
}

bool signature_holds(const received_request& r, const std::string& secret)
{
    // "t=<seconds>,v1=<hex>" over "<seconds>.<body>"
    const auto header = r.headers.count("opinia-signature") ? r.headers.at("opinia-signature") : "";
    const auto comma = header.find(",v1=");
    if (header.rfind("t=", 0) != 0 || comma == std::string::npos) return false;
    const auto t = header.substr(2, comma - 2);
    return header.substr(comma + 4) == opinia::store::hmac_sha256_hex(secret, t + "." + r.body);
}

}  // namespace

TEST_CASE("a detractor and a completed response reach the webhook signed, once each, across a failure and a crash",
          "[webhooks]")
{
    // The receiver fails (500) until the server has crashed once.
    std::atomic<bool> receiver_up{false};
    webhook_receiver receiver([&receiver_up](int) { return receiver_up ? 200 : 500; });
    opinia::testing::temp_dir config_dir;
    server_process server({"--config", fast_retry_config(config_dir)});
    const auto admin = create_key(server, "admin");

    const auto created = http_post_json(server.port(), "/api/v1/webhooks", {{"url", receiver.url()}}, admin);
    REQUIRE(created.status == 201);
    const auto webhook = json::parse(created.body);
    const std::string secret = webhook["secret"];
    CHECK(webhook["events"] == json({"response.completed", "response.detractor"}));

    const auto conversation = answer_nps(server.port(), 3, "Delivery took three weeks");
    const auto detractor_id = "evt_" + conversation + "_detractor";
    const auto completed_id = "evt_" + conversation + "_completed";

    // A failed attempt for each event (the first may already be retried when the second arrives), then a
    // crash, then the receiver comes back.
    REQUIRE(receiver.wait_for([&](const auto& seen) {
        return attempts_answered(seen, detractor_id, 500) >= 1 && attempts_answered(seen, completed_id, 500) >= 1;
    }));
    // The receiver answering is not the server recording it: wait until both failures are in the log,
    // or a kill in between leaves an attempt the log rightly never saw.
    const auto deliveries_path = "/api/v1/webhooks/" + std::to_string(webhook["id"].get<int>()) + "/deliveries";
    const auto failures_logged = [&] {
        const auto log = http_call(server.port(), "GET", deliveries_path, "", admin);
        if (log.status != 200) return false;
        int failed = 0;
        const auto body = json::parse(log.body);  // kept in a variable: a range-for over a temporary's member dangles
        for (const auto& d : body["deliveries"])
            if (!d["attempt_log"].empty() && d["attempt_log"].front()["status_code"] == 500) ++failed;
        return failed == 2;
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!failures_logged() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    REQUIRE(failures_logged());
    server.kill_hard();
    receiver_up = true;
    server.restart();

    REQUIRE(receiver.wait_for([&](const auto& seen) {
        return delivered_count(seen, detractor_id) >= 1 && delivered_count(seen, completed_id) >= 1;
    }));
    // A moment more, to see that nothing is delivered a second time.
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    const auto seen = receiver.requests();
    CHECK(seen.front().answered == 500);
    CHECK(delivered_count(seen, detractor_id) == 1);
    CHECK(delivered_count(seen, completed_id) == 1);

    for (const auto& r : seen) {
        INFO(r.body);
        CHECK(r.target == "/hook");
        CHECK(r.headers.at("content-type") == "application/json");
        CHECK(signature_holds(r, secret));
        CHECK_FALSE(signature_holds(r, secret + "x"));
        const auto body = json::parse(r.body);
        CHECK(body["id"] == r.headers.at("opinia-delivery"));
        CHECK(body["type"] == r.headers.at("opinia-event"));
        CHECK(body["conversation"]["id"] == conversation);
        CHECK(body["conversation"]["customer"]["id"] == "cust-7");
        CHECK(body["conversation"]["context"]["agent"] == "anna");
        CHECK(body["conversation"].dump().find("token") == std::string::npos);  // never the resume token
        if (body["type"] == "response.detractor") CHECK(body["score"]["value"] == 3);
        if (body["type"] == "response.completed") CHECK(body["conversation"]["answers"]["why"] == "Delivery took three weeks");
    }

    // The delivery log tells the same story.
    const auto log = http_call(server.port(), "GET", deliveries_path, "", admin);
    REQUIRE(log.status == 200);
    const auto deliveries = json::parse(log.body)["deliveries"];
    REQUIRE(deliveries.size() == 2);
    for (const auto& d : deliveries) {
        INFO(d.dump());
        CHECK(d["status"] == "delivered");
        CHECK(d["next_attempt_at"].is_null());
        CHECK(d["attempts"].get<int>() >= 2);
        CHECK(d["attempt_log"].front()["status_code"] == 500);
        CHECK(d["attempt_log"].back()["status_code"] == 200);
    }
}

TEST_CASE("a promoter's response sends only response.completed; a deleted webhook gets nothing more", "[webhooks]")
{
    webhook_receiver receiver;
    opinia::testing::temp_dir config_dir;
    server_process server({"--config", fast_retry_config(config_dir)});
    const auto admin = create_key(server, "admin");
    const auto created = http_post_json(server.port(), "/api/v1/webhooks",
                                        {{"url", receiver.url()}, {"events", {"response.completed"}}}, admin);
    REQUIRE(created.status == 201);
    const auto id = std::to_string(json::parse(created.body)["id"].get<int>());

    answer_nps(server.port(), 10, "Lovely");
    REQUIRE(receiver.wait_for([](const auto& seen) { return seen.size() == 1; }));
    CHECK(receiver.requests().front().headers.at("opinia-event") == "response.completed");

    // Detractor events are not subscribed to: a detractor's response also sends only the completed one.
    answer_nps(server.port(), 2, "Broken on arrival");
    REQUIRE(receiver.wait_for([](const auto& seen) { return seen.size() == 2; }));
    CHECK(receiver.requests().back().headers.at("opinia-event") == "response.completed");

    CHECK(http_call(server.port(), "DELETE", "/api/v1/webhooks/" + id, "", admin).status == 200);
    CHECK(http_call(server.port(), "DELETE", "/api/v1/webhooks/" + id, "", admin).status == 404);
    answer_nps(server.port(), 9, "Again");
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    CHECK(receiver.requests().size() == 2);
    const auto list = http_call(server.port(), "GET", "/api/v1/webhooks", "", admin);
    CHECK(json::parse(list.body)["webhooks"].empty());
}

TEST_CASE("the webhooks API refuses bad input and the wrong keys, and stores nothing then", "[webhooks]")
{
    server_process server;
    const auto admin = create_key(server, "admin");
    const auto agent = create_key(server, "agent");
    const auto post = [&](const json& body, const std::string& key) {
        return http_post_json(server.port(), "/api/v1/webhooks", body, key);
    };
    const json good = {{"url", "https://hooks.example/opinia"}};
    CHECK(post(good, "").status == 401);
    CHECK(post(good, agent).status == 403);
    CHECK(http_call(server.port(), "GET", "/api/v1/webhooks", "", agent).status == 403);
    CHECK(http_call(server.port(), "GET", "/api/v1/webhooks/1/deliveries", "").status == 401);

    struct bad_case {
        json body;
        const char* code;
    };
    const std::vector<bad_case> cases{
        {json::object(), "missing_url"},
        {{{"url", 42}}, "invalid_url"},
        {{{"url", "ftp://hooks.example/x"}}, "invalid_url"},
        {{{"url", "https://user:pass@hooks.example/x"}}, "invalid_url"},
        {{{"url", "https://hooks.example/x#frag"}}, "invalid_url"},
        {{{"url", "https://hooks.example:99999/x"}}, "invalid_url"},
        {{{"url", "https://"}}, "invalid_url"},
        {{{"url", "https://hooks.example/x"}, {"events", {"response.everything"}}}, "invalid_events"},
        {{{"url", "https://hooks.example/x"}, {"events", json::array()}}, "invalid_events"},
        {{{"url", "https://hooks.example/x"}, {"events", "response.completed"}}, "invalid_events"},
    };
    for (const auto& c : cases) {
        INFO(c.body.dump());
        const auto response = post(c.body, admin);
        CHECK(response.status == 400);
        CHECK(json::parse(response.body)["error"]["code"] == c.code);
    }
    CHECK(http_call(server.port(), "POST", "/api/v1/webhooks", "{not json", admin).status == 400);
    CHECK(http_call(server.port(), "GET", "/api/v1/webhooks/abc/deliveries", "", admin).status == 400);
    CHECK(http_call(server.port(), "GET", "/api/v1/webhooks/999/deliveries", "", admin).status == 404);
    CHECK(json::parse(http_call(server.port(), "GET", "/api/v1/webhooks", "", admin).body)["webhooks"].empty());

    CHECK(post(good, admin).status == 201);
    CHECK(json::parse(http_call(server.port(), "GET", "/api/v1/webhooks", "", admin).body)["webhooks"].size() == 1);
}
