// Chat protocol v1 over a real socket against the real `opinia serve`: whole flows, bad input, H09–H12.
#include <thread>
#include <catch2/catch.hpp>
#include "integration/support/chat_client.hpp"
#include "integration/support/http_client.hpp"
#include "integration/support/server_process.hpp"

using opinia::testing::chat_client;
using opinia::testing::server_process;
using nlohmann::json;

namespace {

std::string admin_key(const server_process& server)
{
    auto out = server.run_cli({"keys", "create", "--db", server.db_path(), "--role", "admin"});
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out.substr(out.rfind('\n') + 1);
}

json summary(const server_process& server, const std::string& key)
{
    auto response = opinia::testing::http_get(server.port(), "/api/v1/metrics/summary", key);
    REQUIRE(response.status == 200);
    return json::parse(response.body);
}

json answer(const std::string& id, const std::string& step, const std::string& text)
{
    return {{"type", "answer"}, {"id", id}, {"step", step}, {"text", text}};
}

// Starts `flow` and returns the conversation message; the first ask is in `asked`.
json start(chat_client& client, const std::string& flow, json& asked, const std::string& locale = "en")
{
    client.send({{"type", "start"}, {"flow", flow}, {"locale", locale}});
    auto messages = client.receive_until("ask");
    REQUIRE(messages.front()["type"] == "conversation");
    asked = messages.back();
    return messages.front();
}

}  // namespace

TEST_CASE("a whole NPS conversation is stored and counted, typed answers included", "[chat]")
{
    server_process server;
    chat_client client(server.port());
    json asked;
    auto conversation = start(client, "nps", asked);
    CHECK(conversation["seq"] == 1);
    CHECK(asked["step"] == "nps");
    CHECK(asked["input"]["kind"] == "scale");
    CHECK(asked["input"]["min"] == 0);
    CHECK(asked["input"]["max"] == 10);

    client.send(answer("m1", "nps", "9/10"));
    auto ack = client.receive();
    CHECK(ack["type"] == "ack");
    CHECK(ack["id"] == "m1");
    auto why = client.receive();
    CHECK(why["type"] == "ask");
    CHECK(why["step"] == "why");
    CHECK(why["seq"].get<int>() == ack["seq"].get<int>() + 1);

    client.send(answer("m2", "why", "Fast delivery, zażółć gęślą jaźń"));
    CHECK(client.receive()["type"] == "ack");
    CHECK(client.receive()["type"] == "done");

    const auto key = admin_key(server);
    auto scores = summary(server, key);
    CHECK(scores["nps"]["n"] == 1);
    CHECK(scores["nps"]["promoters"] == 1);
    CHECK(scores["nps"]["score"].get<double>() == Approx(100.0));
    CHECK(scores["csat"]["percent"].is_null());

    auto comments = json::parse(opinia::testing::http_get(server.port(), "/api/v1/comments", key).body);
    REQUIRE(comments["comments"].size() == 1);
    CHECK(comments["comments"][0]["text"] == "Fast delivery, zażółć gęślą jaźń");
    CHECK(comments["comments"][0]["nps"] == 9);
}

TEST_CASE("malformed frames and unknown types get an error and the conversation carries on", "[chat][bad-input]")
{
    server_process server;
    chat_client client(server.port());
    json asked;
    start(client, "csat", asked);

    client.send_raw_text("{not json");
    auto error = client.receive();
    CHECK(error["type"] == "error");
    CHECK(error["code"] == "bad_message");

    client.send({{"type", "dance"}});
    CHECK(client.receive()["code"] == "unknown_type");

    client.send({{"type", "answer"}, {"id", "m1"}, {"step", "csat"}, {"value", "lots"}});
    auto retry = client.receive();
    CHECK((retry["type"] == "retry" || retry["code"] == "bad_message"));

    client.send(answer("m2", "csat", "11"));
    auto out_of_range = client.receive();
    CHECK(out_of_range["type"] == "retry");
    CHECK(out_of_range["id"] == "m2");
    CHECK(out_of_range["text"].get<std::string>().find('5') != std::string::npos);

    client.send(answer("m3", "csat", "4"));
    CHECK(client.receive()["type"] == "ack");
    CHECK(client.receive()["step"] == "why");

    auto scores = summary(server, admin_key(server));
    CHECK(scores["csat"]["n"] == 1);  // the rejected answers stored nothing
    CHECK(scores["csat"]["satisfied"] == 1);
}

TEST_CASE("an unknown flow is refused with unknown_flow", "[chat][bad-input]")
{
    server_process server;
    chat_client client(server.port());
    client.send({{"type", "start"}, {"flow", "no-such-flow"}});
    auto error = client.receive();
    CHECK(error["type"] == "error");
    CHECK(error["code"] == "unknown_flow");
}

TEST_CASE("H09: a repeated answer is acked again and stored once; another tab gets already_answered", "[chat][H09]")
{
    server_process server;
    chat_client first(server.port());
    json asked;
    auto conversation = start(first, "nps", asked);

    first.send({{"type", "answer"}, {"id", "m1"}, {"step", "nps"}, {"value", 9}});
    auto ack = first.receive();
    REQUIRE(ack["type"] == "ack");
    auto why = first.receive();
    first.send({{"type", "answer"}, {"id", "m1"}, {"step", "nps"}, {"value", 9}});
    auto again = first.receive();
    CHECK(again == ack);

    // A second tab resumes the same conversation: the first socket is closed.
    chat_client second(server.port());
    second.send({{"type", "resume"}, {"conversation", conversation["conversation"]},
                 {"token", conversation["token"]}, {"last_seq", why["seq"]}});
    CHECK(first.wait_closed().has_value());
    auto reasked = second.receive();
    CHECK(reasked["type"] == "ask");
    CHECK(reasked["step"] == "why");  // the answered NPS step is never asked again
    second.send({{"type", "answer"}, {"id", "t2"}, {"step", "nps"}, {"value", 2}});
    auto refused = second.receive();
    CHECK(refused["type"] == "error");
    CHECK(refused["code"] == "already_answered");

    auto scores = summary(server, admin_key(server));
    CHECK(scores["nps"]["n"] == 1);
    CHECK(scores["nps"]["promoters"] == 1);
}

TEST_CASE("H12: an answer sent just before a drop is stored once, and resume replays what was missed", "[chat][H12]")
{
    server_process server;
    json conversation, asked;
    {
        chat_client client(server.port());
        conversation = start(client, "post_contact", asked);
        REQUIRE(asked["step"] == "ces");
        client.send(answer("m7", "ces", "6"));
        // The socket drops before the client reads the ack.
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    chat_client client(server.port());
    client.send({{"type", "resume"}, {"conversation", conversation["conversation"]},
                 {"token", conversation["token"]}, {"last_seq", asked["seq"]}});
    auto replay = client.receive_until("ask");
    REQUIRE(replay.size() == 2);
    CHECK(replay[0]["type"] == "ack");
    CHECK(replay[0]["id"] == "m7");
    CHECK(replay[1]["step"] == "csat");  // the answered step is not asked again

    client.send(answer("m7", "ces", "6"));
    auto ack = client.receive();
    CHECK(ack["type"] == "ack");
    CHECK(ack["seq"] == replay[0]["seq"]);

    auto scores = summary(server, admin_key(server));
    CHECK(scores["ces"]["n"] == 1);
}

TEST_CASE("resume re-sends a pending question the client has already seen", "[chat][resume]")
{
    server_process server;
    json conversation, asked;
    {
        chat_client client(server.port());
        conversation = start(client, "nps", asked);
    }
    chat_client client(server.port());
    client.send({{"type", "resume"}, {"conversation", conversation["conversation"]},
                 {"token", conversation["token"]}, {"last_seq", asked["seq"]}});
    auto again = client.receive();
    CHECK(again["type"] == "ask");
    CHECK(again["step"] == "nps");
    CHECK(again["seq"].get<int>() > asked["seq"].get<int>());
}

TEST_CASE("resume with a wrong token is refused and reveals nothing", "[chat]")
{
    server_process server;
    chat_client client(server.port());
    json asked;
    auto conversation = start(client, "nps", asked);
    chat_client intruder(server.port());
    intruder.send({{"type", "resume"}, {"conversation", conversation["conversation"]},
                   {"token", "r_guess"}, {"last_seq", 0}});
    auto error = intruder.receive();
    CHECK(error["type"] == "error");
    CHECK(error["code"] == "expired");
    CHECK_FALSE(client.wait_closed(std::chrono::milliseconds(300)).has_value());
}

TEST_CASE("errors a customer may see speak the conversation's language", "[chat][pl]")
{
    server_process server;
    chat_client client(server.port());
    client.send({{"type", "start"}, {"invite", "i_not_a_real_token"}, {"locale", "pl"}});
    auto refused = client.receive();
    CHECK(refused["code"] == "invalid_invite");
    CHECK(refused["message"] == "Ten link do ankiety jest nieprawidłowy.");
    // On the same socket, an answer with no conversation: the peer's language from its start.
    client.send({{"type", "answer"}, {"id", "a1"}, {"step", "nps"}, {"text", "9"}});
    auto early = client.receive();
    CHECK(early["code"] == "bad_message");
    CHECK(early["message"] == "Przed odpowiedzią wyślij start lub resume.");
    // English stays the fallback.
    chat_client other(server.port());
    other.send({{"type", "start"}, {"invite", "i_not_a_real_token"}, {"locale", "de"}});
    CHECK(other.receive()["message"] == "This survey link is not valid.");
}

TEST_CASE("after a crash, acked answers are on disk and the conversation resumes", "[chat][durability]")
{
    server_process server;
    json conversation, asked;
    {
        chat_client client(server.port());
        conversation = start(client, "nps", asked);
        client.send(answer("m1", "nps", "0"));
        REQUIRE(client.receive()["type"] == "ack");
        client.receive();
        server.kill_hard();
    }
    server.restart();
    chat_client client(server.port());
    client.send({{"type", "resume"}, {"conversation", conversation["conversation"]},
                 {"token", conversation["token"]}, {"last_seq", 3}});
    auto reask = client.receive();
    CHECK(reask["type"] == "ask");
    CHECK(reask["step"] == "why");
    CHECK(reask["seq"].get<int>() > 3);

    auto scores = summary(server, admin_key(server));
    CHECK(scores["nps"]["n"] == 1);
    CHECK(scores["nps"]["detractors"] == 1);  // a 0 is an answer
}

TEST_CASE("a conversation that finished just before a crash says done again on resume, asks nothing", "[chat][durability]")
{
    server_process server;
    json conversation, asked;
    {
        chat_client client(server.port());
        conversation = start(client, "nps", asked);
        client.send(answer("m1", "nps", "9"));
        client.receive_until("ask");
        client.send(answer("m2", "why", "Kind people"));
        REQUIRE(client.receive()["type"] == "ack");
        REQUIRE(client.receive()["type"] == "done");
        server.kill_hard();   // as if the ack and done had been lost with the connection
    }
    server.restart();
    chat_client client(server.port());
    client.send({{"type", "resume"}, {"conversation", conversation["conversation"]},
                 {"token", conversation["token"]}, {"last_seq", 3}});
    const auto again = client.receive();
    CHECK(again["type"] == "done");
    CHECK(again["seq"].get<int>() > 3);
    client.send(answer("m3", "why", "Something else"));
    const auto refused = client.receive();
    CHECK(refused["type"] == "error");
}

TEST_CASE("H10: an upgrade from a foreign origin is refused with 403", "[chat][H10]")
{
    server_process server({"--allow-origin", "https://shop.example"});
    CHECK(opinia::testing::upgrade_status(server.port(), "https://evil.example") == 403);
    CHECK(opinia::testing::upgrade_status(server.port(), "https://shop.example") == 101);
    CHECK(opinia::testing::upgrade_status(server.port(), "http://127.0.0.1:" + std::to_string(server.port())) == 101);
    const auto metrics = opinia::testing::http_get(server.port(), "/metrics").body;
    CHECK(metrics.find("opinia_errors_total{kind=\"origin_not_allowed\"} 1\n") != std::string::npos);
}

TEST_CASE("H10: a site registered through the API may open the chat from its own origins only", "[chat][H10]")
{
    server_process server;
    const auto admin = opinia::testing::create_key(server, "admin");
    CHECK(opinia::testing::upgrade_status(server.port(), "https://garden.example") == 403);
    const auto created = opinia::testing::http_post_json(
        server.port(), "/api/v1/sites", {{"name", "Garden"}, {"origins", {"https://garden.example"}}}, admin);
    REQUIRE(created.status == 201);
    CHECK(opinia::testing::upgrade_status(server.port(), "https://garden.example") == 101);
    CHECK(opinia::testing::upgrade_status(server.port(), "https://garden.example.evil.example") == 403);
    CHECK(opinia::testing::upgrade_status(server.port(), "http://garden.example") == 403);
}

TEST_CASE("H11: invalid UTF-8 closes with 1007, oversized with 1009, binary with 1003; others keep chatting",
          "[chat][H11]")
{
    server_process server;
    chat_client bystander(server.port());
    json asked;
    start(bystander, "nps", asked);

    {
        chat_client client(server.port());
        client.send_raw_text(std::string("{\"type\":\"start\",\"flow\":\"nps\",\"x\":\"\xC3\x28\"}"));
        CHECK(client.wait_closed() == 1007);
    }
    {
        chat_client client(server.port());
        client.send_raw_text(std::string(100 * 1024, 'a'));  // just over the 64 KiB default
        CHECK(client.wait_closed() == 1009);
    }
    {
        chat_client client(server.port());
        client.send_frame_header(64ull * 1024 * 1024);  // refused from its header, before any buffering
        CHECK(client.wait_closed() == 1009);
    }
    {
        chat_client client(server.port());
        client.send_binary("\x01\x02");
        CHECK(client.wait_closed() == 1003);
    }
    bystander.send(answer("m1", "nps", "8"));
    CHECK(bystander.receive()["type"] == "ack");
    CHECK(opinia::testing::http_get(server.port(), "/healthz").status == 200);
    const auto metrics = opinia::testing::http_get(server.port(), "/metrics").body;
    CHECK(metrics.find("opinia_errors_total{kind=\"invalid_utf8\"} 1\n") != std::string::npos);
    CHECK(metrics.find("opinia_errors_total{kind=\"message_too_big\"} 2\n") != std::string::npos);
}

TEST_CASE("SIGTERM stops the server with exit status 0", "[lifecycle]")
{
    server_process server;
    chat_client client(server.port());
    json asked;
    start(client, "nps", asked);
    CHECK(server.stop() == 0);
}
