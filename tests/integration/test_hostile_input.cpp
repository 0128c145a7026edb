// Hostile input over real sockets: every case gets a clear error or close code while a bystander keeps chatting.
#include <filesystem>
#include <fstream>
#include <thread>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>
#include "integration/support/chat_client.hpp"
#include "integration/support/server_process.hpp"

using opinia::testing::chat_client;
using opinia::testing::http_get;
using opinia::testing::server_process;
using nlohmann::json;
namespace beast = boost::beast;
namespace net = boost::asio;

namespace {

std::string create_key(const server_process& server, const std::string& role)
{
    auto out = server.run_cli({"keys", "create", "--db", server.db_path(), "--role", role});
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out.substr(out.rfind('\n') + 1);
}

// Writes `config` next to the test and returns the `--config FILE` arguments.
std::vector<std::string> config_args(const opinia::testing::temp_dir& dir, const json& config)
{
    const auto path = dir.file("config.json");
    std::ofstream(path) << config.dump();
    return {"--config", path};
}

// Sends raw bytes (in pieces `pause` apart) and reads one HTTP response: its status, 0 when the server
// closed without one, -1 when nothing came within `timeout`.
int raw_http(unsigned short port, const std::vector<std::string>& pieces,
             std::chrono::milliseconds timeout = std::chrono::seconds(5),
             std::chrono::milliseconds pause = std::chrono::milliseconds(0))
{
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    for (const auto& piece : pieces) {
        beast::error_code ec;
        net::write(stream.socket(), net::buffer(piece), ec);
        if (ec) break;
        if (pause.count()) std::this_thread::sleep_for(pause);
    }
    beast::flat_buffer buffer;
    beast::http::response_parser<beast::http::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    int status = -1;
    stream.expires_after(timeout);
    beast::http::async_read(stream, buffer, parser, [&](beast::error_code ec, std::size_t) {
        if (!ec) status = static_cast<int>(parser.get().result_int());
        else if (ec != beast::error::timeout) status = 0;
    });
    ioc.run();
    return status;
}

std::string get_request(const std::string& target, const std::string& extra_headers = "")
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers + "Connection: close\r\n\r\n";
}

// A post_contact conversation that answers one question whenever asked to, and must end with `done`.
class bystander {
public:
    explicit bystander(unsigned short port) : client_(port)
    {
        client_.send({{"type", "start"}, {"flow", "post_contact"}, {"locale", "en"}});
        auto messages = client_.receive_until("ask");
        REQUIRE(messages.front()["type"] == "conversation");
        asked_ = messages.back();
    }

    // Answers the pending question and checks the ack and what follows.
    void step()
    {
        if (done_) return;
        const auto& input = asked_["input"];
        json answer{{"type", "answer"}, {"id", "b" + std::to_string(++answered_)}, {"step", asked_["step"]}};
        if (input["kind"] == "scale") answer["text"] = std::to_string(input["max"].get<int>());
        else if (input["kind"] == "choice") answer["value"] = input["options"][0]["value"];
        else answer["text"] = "The bystander was never disturbed";
        client_.send(answer);
        auto ack = client_.receive();
        REQUIRE(ack["type"] == "ack");
        REQUIRE(ack["id"] == answer["id"]);
        for (;;) {
            auto next = client_.receive();
            if (next["type"] == "ask") { asked_ = next; return; }
            if (next["type"] == "done") { done_ = true; return; }
            REQUIRE(next["type"] == "say");
        }
    }

    void finish()
    {
        for (int i = 0; i < 10 && !done_; ++i) step();
        CHECK(done_);
    }
    int answered() const { return answered_; }

private:
    chat_client client_;
    json asked_;
    int answered_ = 0;
    bool done_ = false;
};

// What a case expects back on the socket: a message type, and for errors a code ("" = any code).
struct frame_case {
    const char* name;
    std::string frame;
    std::string expect_type;
    std::string expect_code = "";
};

// What a case expects as the server's close code.
struct close_case {
    const char* name;
    std::function<void(chat_client&)> send;
    int expect_close;
};

struct http_case {
    const char* name;
    std::vector<std::string> pieces;
    std::vector<int> expect_status;  // any of these; 0 = closed without a response
};

std::string fragment_flood(std::size_t bytes) { return "{\"type\":\"start\",\"flow\":\"" + std::string(bytes, 'x') + "\"}"; }

void check_healthy(unsigned short port)
{
    CHECK(http_get(port, "/healthz").status == 200);
}

}  // namespace

TEST_CASE("hostile input: every case gets its error or close code, the bystander finishes, health stays OK",
          "[hostile]")
{
    opinia::testing::temp_dir dir;
    // The suite opens hundreds of connections from 127.0.0.1 in a few seconds; the rate limits have their own test.
    server_process server(config_args(dir, {{"http_timeout_seconds", 2},
                                            {"connections_per_ip_per_second", 5000},
                                            {"connection_burst_per_ip", 5000},
                                            {"messages_per_ip_per_second", 5000},
                                            {"message_burst_per_ip", 5000}}));
    const auto port = server.port();
    bystander by(port);
    int cases_run = 0;

    {
        // Each case runs in a fresh nps conversation on one hostile socket, waiting for the nps question.
        const std::string long_id(10000, 'i');
        const std::vector<frame_case> cases = {
            {"not JSON", "{not json", "error", "bad_message"},
            {"truncated object", R"({"type":"answer","id":"t1","step":"nps")", "error", "bad_message"},
            {"truncated string", R"({"type":"answer","id":"t1","step":"nps","text":"9)", "error", "bad_message"},
            {"empty frame", "", "error", "bad_message"},
            {"only white space", "   \n\t ", "error", "bad_message"},
            {"null", "null", "error", "bad_message"},
            {"array", R"([{"type":"start","flow":"nps"}])", "error", "bad_message"},
            {"string", R"("start")", "error", "bad_message"},
            {"number", "42", "error", "bad_message"},
            {"two objects", R"({"type":"dance"}{"type":"dance"})", "error", "bad_message"},
            {"trailing garbage", R"({"type":"dance"} x)", "error", "bad_message"},
            {"no type", "{}", "error", "bad_message"},
            {"type is a number", R"({"type":42})", "error", "bad_message"},
            {"type is null", R"({"type":null})", "error", "bad_message"},
            {"type is an object", R"({"type":{"$ne":""}})", "error", "bad_message"},
            {"unknown type", R"({"type":"dance"})", "error", "unknown_type"},
            {"type in capitals", R"({"type":"ANSWER"})", "error", "unknown_type"},
            {"type with a NUL", R"({"type":"answer\u0000"})", "error", "unknown_type"},
            {"answer without id", R"({"type":"answer","step":"nps","text":"9"})", "error", "bad_message"},
            {"answer id is a number (kept as its decimal text)", R"({"type":"answer","id":5,"step":"nps","text":"9"})", "ack"},
            {"answer step is an array", R"({"type":"answer","id":"x","step":["nps"],"text":"9"})", "error", "bad_message"},
            {"answer text is a number", R"({"type":"answer","id":"x","step":"nps","text":9})", "error", "bad_message"},
            {"answer without text or value", R"({"type":"answer","id":"x","step":"nps"})", "error", "bad_message"},
            {"answer value is an object", R"({"type":"answer","id":"x","step":"nps","value":{"a":1}})", "error", "bad_message"},
            {"answer value is an array", R"({"type":"answer","id":"x","step":"nps","value":[9]})", "error", "bad_message"},
            {"answer value is a fraction", R"({"type":"answer","id":"x","step":"nps","value":6.5})", "retry"},
            {"answer value is huge", R"({"type":"answer","id":"x","step":"nps","value":1e308})", "retry"},
            {"answer to another step", R"({"type":"answer","id":"x","step":"why","text":"hi"})", "error", "not_current_step"},
            {"answer to a step named like SQL", R"({"type":"answer","id":"x","step":"nps' OR 1=1 --","text":"9"})", "error", "not_current_step"},
            {"empty answer id", R"({"type":"answer","id":"","step":"nps","text":"9"})", "error", "bad_message"},
            {"answer id of 10000 bytes", R"({"type":"answer","id":")" + long_id + R"(","step":"nps","text":"9"})", "error", "bad_message"},
            {"score 11", R"({"type":"answer","id":"x","step":"nps","text":"11"})", "retry"},
            {"score -1", R"({"type":"answer","id":"x","step":"nps","text":"-1"})", "retry"},
            {"score 6.5", R"({"type":"answer","id":"x","step":"nps","text":"6.5"})", "retry"},
            {"score emoji", R"({"type":"answer","id":"x","step":"nps","text":"👍"})", "retry"},
            {"score empty", R"({"type":"answer","id":"x","step":"nps","text":""})", "retry"},
            {"score NUL", R"({"type":"answer","id":"x","step":"nps","text":"\u0000"})", "retry"},
            {"score with 30 digits", R"({"type":"answer","id":"x","step":"nps","text":"999999999999999999999999999999"})", "retry"},
            {"score in hex", R"({"type":"answer","id":"x","step":"nps","text":"0x9"})", "retry"},
            {"score 1e1", R"({"type":"answer","id":"x","step":"nps","text":"1e1"})", "retry"},
            {"score NaN", R"({"type":"answer","id":"x","step":"nps","text":"NaN"})", "retry"},
            {"score of lone surrogate escape", R"({"type":"answer","id":"x","step":"nps","text":"\ud800"})", "error", "bad_message"},
            {"unknown fields are ignored", R"({"type":"answer","id":"u1","step":"nps","text":"7","extra":{"deep":[1,2,{"x":null}]}})", "ack"},
            {"prototype-looking fields are ignored", R"({"type":"answer","id":"u2","step":"nps","value":8,"__proto__":{"admin":true}})", "ack"},
            {"resume conversation is a number", R"({"type":"resume","conversation":1,"token":"x","last_seq":0})", "error", "bad_message"},
            {"resume last_seq is a string", R"({"type":"resume","conversation":"c_x","token":"x","last_seq":"a"})", "error", "bad_message"},
            {"resume without token", R"({"type":"resume","conversation":"c_x","last_seq":0})", "error", "bad_message"},
            {"resume of an unknown conversation", R"({"type":"resume","conversation":"c_nothing","token":"r_x","last_seq":0})", "error", "expired"},
            {"resume with SQL in the id", R"({"type":"resume","conversation":"' OR '1'='1","token":"r_x","last_seq":0})", "error", "expired"},
            {"resume with LIKE wildcards", R"({"type":"resume","conversation":"%","token":"%","last_seq":0})", "error", "expired"},
            {"resume with a 100 KB-ish id", R"({"type":"resume","conversation":")" + std::string(20000, 'c') + R"(","token":"r","last_seq":0})", "error", "expired"},
            {"start flow is a number", R"({"type":"start","flow":123})", "error", "bad_message"},
            {"start without flow or invite", R"({"type":"start"})", "error", "bad_message"},
            {"start of an unknown flow", R"({"type":"start","flow":"no-such-flow"})", "error", "unknown_flow"},
            {"start of a path as flow", R"({"type":"start","flow":"../../etc/passwd"})", "error", "unknown_flow"},
            {"start of a LIKE pattern as flow", R"({"type":"start","flow":"%"})", "error", "unknown_flow"},
            {"start with a forged invite", R"({"type":"start","invite":"inv_forged_0000"})", "error", "invalid_invite"},
            {"start with a replayed-looking invite", R"({"type":"start","invite":"' OR 1=1 --"})", "error", "invalid_invite"},
            {"start locale is a number", R"({"type":"start","flow":"nps","locale":5})", "error", "bad_message"},
            {"start customer is a string", R"({"type":"start","flow":"nps","customer":"me"})", "error", "bad_message"},
            {"start context is an array", R"({"type":"start","flow":"nps","context":[1]})", "error", "bad_message"},
            {"start with a customer signature but no site", R"({"type":"start","flow":"nps","customer":{"id":"c1","signature":"forged"}})", "error", "invalid_signature"},
            {"start with unknown fields", R"({"type":"start","flow":"nps","x":{"y":[1,2]},"constructor":"z"})", "conversation"},
        };
        chat_client hostile(port);
        for (const auto& c : cases) {
            INFO("frame case: " << c.name);
            hostile.send({{"type", "start"}, {"flow", "nps"}, {"locale", "en"}});
            REQUIRE(hostile.receive_until("ask").back()["step"] == "nps");
            hostile.send_raw_text(c.frame);
            auto reply = hostile.receive();
            CHECK(reply["type"] == c.expect_type);
            if (!c.expect_code.empty()) CHECK(reply["code"] == c.expect_code);
            if (reply["type"] == "error") CHECK_FALSE(reply.value("message", "").empty());
            if (reply["type"] == "conversation") hostile.receive_until("ask");
            if (reply["type"] == "ack") hostile.receive();  // the next question
            ++cases_run;
        }
        by.step();
        check_healthy(port);
    }

    {
        const auto text = [](std::string bytes) { return [bytes](chat_client& c) { c.send_raw_text(bytes); }; };
        const std::vector<close_case> cases = {
            {"invalid UTF-8 C3 28", text("{\"type\":\"start\",\"flow\":\"\xC3\x28\"}"), 1007},
            {"lone continuation byte", text("{\"type\":\"\x80\"}"), 1007},
            {"overlong slash C0 AF", text("{\"type\":\"\xC0\xAF\"}"), 1007},
            {"UTF-16 surrogate ED A0 80", text("{\"type\":\"\xED\xA0\x80\"}"), 1007},
            {"byte F5", text("{\"type\":\"\xF5\x80\x80\x80\"}"), 1007},
            {"code point past U+10FFFF", text("{\"type\":\"\xF4\x90\x80\x80\"}"), 1007},
            {"truncated sequence at the end", text("{\"type\":\"\xE2\x82"), 1007},
            {"binary frame", [](chat_client& c) { c.send_binary("\x01\x02"); }, 1003},
            {"JSON as a binary frame", [](chat_client& c) { c.send_binary(R"({"type":"start","flow":"nps"})"); }, 1003},
            {"empty binary frame", [](chat_client& c) { c.send_binary(""); }, 1003},
            {"message one byte over 64 KiB", text(std::string(64 * 1024 + 1, 'a')), 1009},
            {"1 MiB message", text(std::string(1024 * 1024, 'a')), 1009},
            {"64 MiB frame announced", [](chat_client& c) { c.send_frame_header(64ull * 1024 * 1024); }, 1009},
            {"2^62-byte frame announced", [](chat_client& c) { c.send_frame_header(1ull << 62); }, 1009},
            {"fragmented past 64 KiB in 1 KiB pieces", [](chat_client& c) { c.send_fragmented(fragment_flood(80 * 1024), 1024); }, 1009},
            {"fragment flood: 20000 frames of 4 bytes", [](chat_client& c) { c.send_fragmented(fragment_flood(80 * 1000), 4); }, 1009},
            {"invalid UTF-8 split across fragments", [](chat_client& c) { c.send_fragmented("{\"type\":\"\xE2\x82\x28\"}", 10); }, 1007},
        };
        for (const auto& c : cases) {
            INFO("close case: " << c.name);
            chat_client client(port);
            c.send(client);
            CHECK(client.wait_closed() == c.expect_close);
            ++cases_run;
        }
        {
            INFO("a valid message in 60 fragments is read whole");
            chat_client client(port);
            client.send_fragmented(R"({"type":"start","flow":"nps","locale":"en"})", 1);
            CHECK(client.receive()["type"] == "conversation");
            ++cases_run;
        }
        by.step();
        check_healthy(port);
    }

    {
        const auto upgrade = [port](const std::string& target, const std::string& origin) {
            return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                   "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                   "Sec-WebSocket-Version: 13\r\n" + (origin.empty() ? "" : "Origin: " + origin + "\r\n") + "\r\n";
        };
        const std::vector<http_case> cases = {
            {"16 KiB header", {get_request("/healthz", "X-Big: " + std::string(16 * 1024, 'a') + "\r\n")}, {431}},
            {"1000 small headers", {[] { std::string h; for (int i = 0; i < 1000; ++i) h += "X-" + std::to_string(i) + ": v\r\n"; return get_request("/healthz", h); }()}, {431}},
            {"2 MiB body declared", {"POST /api/v1/keys HTTP/1.1\r\nHost: x\r\nContent-Length: 2097152\r\n\r\n"}, {413}},
            {"chunked body past the limit", {"POST /api/v1/keys HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n200000\r\n" + std::string(0x200000, 'a') + "\r\n0\r\n\r\n"}, {413, 0}},
            {"garbage request line", {"GARBAGE\r\n\r\n"}, {400}},
            {"bad HTTP version", {"GET / HTXP/1.1\r\nHost: x\r\n\r\n"}, {400}},
            {"bad header line", {"GET / HTTP/1.1\r\nHost x\r\n\r\n"}, {400}},
            {"NUL in the target", {std::string("GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n", 30)}, {400}},
            {"negative content length", {"POST /api/v1/keys HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"}, {400}},
            {"two content lengths", {"POST /api/v1/keys HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"}, {400}},
            {"DELETE /healthz", {"DELETE /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"}, {405}},
            {"TRACE /", {"TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"}, {405}},
            {"absolute-form target to another host", {get_request("http://evil.example/healthz")}, {400, 404}},
            {"slowloris: a byte every 300 ms", {"G", "E", "T", " ", "/", " ", "H", "T", "T", "P", "/", "1", ".", "1", "\r", "\n", "H"}, {0}},
            {"slowloris: headers never end", {"GET /healthz HTTP/1.1\r\nHost: x\r\nX-a: 1\r\n"}, {0}},
            {"slowloris: body never comes", {"POST /api/v1/keys HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789"}, {0}},
            {"upgrade from a foreign origin (H10)", {upgrade("/ws", "https://evil.example")}, {403}},
            {"upgrade from origin null", {upgrade("/ws", "null")}, {403}},
            {"upgrade from a look-alike origin", {upgrade("/ws", "http://127.0.0.1.evil.example")}, {403}},
            {"upgrade from the same host on another port", {upgrade("/ws", "http://127.0.0.1:1")}, {403}},
            {"upgrade at another path", {upgrade("/ws/../admin", "")}, {404}},
            {"upgrade at an encoded path", {upgrade("/%77s", "")}, {404}},
        };
        for (const auto& c : cases) {
            INFO("http case: " << c.name);
            const bool slow = std::string(c.name).rfind("slowloris", 0) == 0;
            const auto status = raw_http(port, c.pieces, std::chrono::seconds(slow ? 6 : 5),
                                         std::chrono::milliseconds(slow && c.pieces.size() > 1 ? 300 : 0));
            CHECK(std::find(c.expect_status.begin(), c.expect_status.end(), status) != c.expect_status.end());
            ++cases_run;
        }
        by.step();
        check_healthy(port);
    }

    {
        // Static paths, including encodings and symlinks out of a web root of the test's own.
        const auto web = dir.path() / "web";
        std::filesystem::copy(std::filesystem::path(OPINIA_SOURCE_ROOT) / "web/public", web,
                              std::filesystem::copy_options::recursive);
        std::filesystem::create_symlink("/etc/passwd", web / "assets/passwd.js");
        std::filesystem::create_directory_symlink("/etc", web / "assets/etc");
        std::filesystem::create_symlink(std::filesystem::path(OPINIA_SOURCE_ROOT) / "CMakeLists.txt", web / "assets/cm.css");
        server_process files_server({"--web-root", web.string()});
        CHECK(http_get(files_server.port(), "/assets/admin.js").status == 200);  // the root itself works
        for (const auto* target :
             {"/assets/passwd.js", "/assets/etc/passwd", "/assets/etc/hostname", "/assets/cm.css",
              "/assets/../../server/main.cpp", "/assets/%2e%2e/%2e%2e/CMakeLists.txt", "/assets/..%2f..%2fCMakeLists.txt",
              "/assets/%252e%252e/%252e%252e/CMakeLists.txt", "/assets/%c0%ae%c0%ae/CMakeLists.txt",
              "/assets/.%2e/.%2e/CMakeLists.txt", "/assets/%2E%2E%2F%2E%2E%2FCMakeLists.txt", "/assets/.hidden",
              "/assets/a%00b", "/assets/admin.js%00.png", "/assets/%5c..%5cCMakeLists.txt", "/assets/..\\..\\CMakeLists.txt",
              "/assets//etc/passwd", "/assets/./admin.js/..", "/..", "/%2e%2e/", "//etc/passwd", "/assets/",
              "/assets/~root", "/assets/admin.js/", "/nothing-here"}) {
            INFO("path case: " << target);
            const auto status = raw_http(files_server.port(), {get_request(target)});
            CHECK((status == 404 || status == 400));
            ++cases_run;
        }
        by.step();
        check_healthy(port);
    }

    {
        const auto admin = create_key(server, "admin");
        const auto agent = create_key(server, "agent");
        // SQL and LIKE metacharacters in every filter: text filters match nothing, dates and zones are a 400.
        const std::vector<std::string> hostile_values = {"%", "_", "%25", "'", "' OR '1'='1", "\"; DROP TABLE answers; --",
                                                         "\\", "*", "[a-z]", "nps%", "n_s"};
        const auto encode = [](const std::string& v) {
            std::string out;
            const char* hex = "0123456789ABCDEF";
            for (unsigned char c : v) {
                if (std::isalnum(c)) out += static_cast<char>(c);
                else { out += '%'; out += hex[c >> 4]; out += hex[c & 15]; }
            }
            return out;
        };
        for (const auto& value : hostile_values) {
            for (const auto* route : {"/api/v1/metrics/summary", "/api/v1/comments"}) {
                INFO("filter case: " << route << " flow=" << value);
                auto response = http_get(port, std::string(route) + "?flow=" + encode(value), admin);
                REQUIRE(response.status == 200);
                auto body = json::parse(response.body);
                if (body.contains("comments")) CHECK(body["comments"].empty());
                else CHECK(body["nps"]["n"] == 0);  // "%" must not match the stored nps answers
                ++cases_run;
            }
            for (const auto* field : {"from", "to", "tz"}) {
                INFO("filter case: " << field << "=" << value);
                auto response = http_get(port, "/api/v1/metrics/summary?" + std::string(field) + "=" + encode(value), admin);
                CHECK(response.status == 400);
                CHECK(json::parse(response.body)["error"]["code"] == "invalid_" + std::string(field));
                ++cases_run;
            }
        }
        for (const auto* limit : {"1%20OR%201%3D1", "%25", "-1", "0", "99999", "1e3", "%27"}) {
            INFO("filter case: limit=" << limit);
            auto response = http_get(port, std::string("/api/v1/comments?limit=") + limit, admin);
            CHECK(response.status == 400);
            ++cases_run;
        }
        // The same flow filter really matches when it names a flow: the suite can tell "nothing" from "broken".
        CHECK(json::parse(http_get(port, "/api/v1/metrics/summary?flow=nps", admin).body)["nps"]["n"].get<int>() >= 1);

        // Forged keys and signatures.
        const std::vector<std::pair<std::string, std::string>> forged = {
            {"Authorization", "Bearer opa_forged"},
            {"Authorization", "Bearer "},
            {"Authorization", "Bearer"},
            {"Authorization", "Basic " + admin},
            {"Authorization", admin},
            {"Authorization", "Bearer " + admin.substr(0, admin.size() - 1)},
            {"Authorization", "Bearer " + admin + "x"},
            {"Authorization", "Bearer " + admin.substr(0, admin.size() - 1) + (admin.back() == 'A' ? "B" : "A")},
            {"Authorization", "Bearer " + std::string(4000, 'k')},
            {"Authorization", "Bearer ' OR 1=1 --"},
            {"Authorization", "Bearer %"},
            {"Authorization", "Bearer opa_" + agent.substr(4)},
            {"X-Api-Key", admin},
        };
        for (const auto& [name, value] : forged) {
            INFO("key case: " << name << ": " << value.substr(0, 40));
            CHECK(http_get(port, "/api/v1/metrics/summary", "", {{name, value}}).status == 401);
            ++cases_run;
        }
        CHECK(http_get(port, "/api/v1/metrics/summary", agent).status == 403);
        CHECK(http_get(port, "/api/v1/metrics/summary", admin).status == 200);
        // The scheme's name is case-insensitive (RFC 9110): a real key passes in any case.
        CHECK(http_get(port, "/api/v1/metrics/summary", "", {{"Authorization", "bearer " + admin}}).status == 200);
        CHECK(http_get(port, "/api/v1/metrics/summary", "", {{"Authorization", "BEARER " + admin}}).status == 200);
        cases_run += 2;
    }

    by.finish();
    check_healthy(port);
    INFO("cases run: " << cases_run);
    CHECK(cases_run >= 100);

    // The bystander's answers were all stored, once each.
    const auto admin = create_key(server, "admin");
    auto scores = json::parse(http_get(port, "/api/v1/metrics/summary?flow=post_contact", admin).body);
    CHECK(scores["ces"]["n"] == 1);
    CHECK(scores["csat"]["n"] == 1);
}

TEST_CASE("per-IP limits: connection rate, chats at once and message rate are refused clearly", "[hostile][limits]")
{
    opinia::testing::temp_dir dir;
    server_process server(config_args(dir, {{"connections_per_ip_per_second", 1},
                                            {"connection_burst_per_ip", 12},
                                            {"messages_per_ip_per_second", 1},
                                            {"message_burst_per_ip", 10},
                                            {"max_open_chats_per_ip", 3}}));
    const auto port = server.port();
    {
        chat_client a(port), b(port), c(port);                      // 3 connections
        CHECK(opinia::testing::upgrade_status(port, "") == 429);   // 4th: a fourth chat at once
        // 12 frames at once from one address: the first 10 are served, then rate_limited.
        for (int i = 0; i < 12; ++i) a.send({{"type", "dance"}});
        int limited = 0;
        for (int i = 0; i < 12; ++i) limited += a.receive()["code"] == "rate_limited";
        CHECK(limited >= 1);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    // Connections 5..12 of the burst pass; after that the address gets 429 at once.
    int refused = 0;
    for (int i = 0; i < 12; ++i) refused += http_get(port, "/healthz").status == 429;
    CHECK(refused >= 2);
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    CHECK(http_get(port, "/healthz").status == 200);  // the budget refills
    CHECK(opinia::testing::upgrade_status(port, "") == 101);  // the closed chats gave their places back
}
