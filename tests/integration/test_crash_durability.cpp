// Durability over real sockets: kill -9 under load loses no acked answer; SIGTERM drains; bad DB paths fail at start.
#include <atomic>
#include <fstream>
#include <mutex>
#include <thread>
#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>
#include "integration/support/chat_client.hpp"
#include "integration/support/server_process.hpp"
#include "support_temp_dir.hpp"

using opinia::testing::chat_client;
using opinia::testing::server_process;
using nlohmann::json;

namespace {

struct acked_answer {
    std::string conversation, id, step, text;
};

struct open_conversation {
    std::string conversation, token;
    std::int64_t last_seq = 0;
    std::vector<std::string> answered_steps;
};

// What every client saw, shared by the worker threads.
struct observations {
    std::mutex mutex;
    std::vector<acked_answer> acked;
    std::vector<open_conversation> open;  // each worker's current conversation when its socket died
};

std::string answer_text(const json& ask, int turn)
{
    if (ask["input"]["kind"] == "scale")
    {
        const int min = ask["input"]["min"].get<int>(), max = ask["input"]["max"].get<int>();
        return std::to_string(min + turn % (max - min + 1));  // always on the scale: a retry would end the worker
    }
    return "comment " + std::to_string(turn);
}

// Runs post_contact conversations back to back until the socket dies, recording every ack it sees.
void run_worker(unsigned short port, int worker, observations& seen, std::atomic<int>& acks)
{
    open_conversation current;
    try {
        chat_client client(port);
        for (int round = 0;; ++round) {
            client.send({{"type", "start"}, {"flow", "post_contact"}, {"locale", "en"}});
            auto messages = client.receive_until("ask");
            current = {messages.front()["conversation"], messages.front()["token"], messages.back()["seq"], {}};
            json ask = messages.back();
            for (int turn = 0;; ++turn) {
                const auto id = "w" + std::to_string(worker) + "r" + std::to_string(round) + "t" + std::to_string(turn);
                const auto text = answer_text(ask, turn + worker);
                client.send({{"type", "answer"}, {"id", id}, {"step", ask["step"]}, {"text", text}});
                auto ack = client.receive();
                if (ack["type"] != "ack") throw std::runtime_error("expected an ack, got " + ack.dump());
                {
                    std::lock_guard lock(seen.mutex);
                    seen.acked.push_back({current.conversation, id, ask["step"], text});
                }
                ++acks;
                current.last_seq = ack["seq"];
                current.answered_steps.push_back(ask["step"]);
                auto next = client.receive();
                while (next["type"] == "say") next = client.receive();
                current.last_seq = next["seq"];
                if (next["type"] == "done") break;
                ask = next;
            }
        }
    } catch (const std::exception&) {
        // The server was killed: keep what this client knew, to resume it later.
        if (!current.conversation.empty()) {
            std::lock_guard lock(seen.mutex);
            seen.open.push_back(current);
        }
    }
}

}  // namespace

TEST_CASE("kill -9 under load: every acked answer is stored exactly once and resumes continue", "[durability]")
{
    constexpr int clients = 16;
    // 16 clients on one address outrun the default per-address message budget on a fast disk; this
    // test is about durability, so the budget is raised out of the way.
    opinia::testing::temp_dir dir;
    const auto config = dir.file("config.json");
    std::ofstream(config) << json{{"messages_per_ip_per_second", 100000}, {"message_burst_per_ip", 100000}}.dump();
    server_process server({"--config", config});
    observations seen;
    std::atomic<int> acks{0};
    std::vector<std::thread> workers;
    for (int i = 0; i < clients; ++i)
        workers.emplace_back(run_worker, server.port(), i, std::ref(seen), std::ref(acks));
    // Let the conversations get going, then crash the server in the middle of them. The wait is generous:
    // on a busy machine a commit's fsync can take hundreds of milliseconds.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (acks < 300 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    server.kill_hard();
    for (auto& w : workers) w.join();
    REQUIRE(acks >= 300);
    INFO("acked answers before the crash: " << seen.acked.size());

    server.restart();
    {
        SQLite::Database db(server.db_path(), SQLite::OPEN_READONLY);
        SQLite::Statement rows(db, "SELECT count(*), coalesce(max(text), max(value)) FROM answers "
                                   "WHERE conversation_id = ? AND client_id = ?");
        for (const auto& a : seen.acked) {
            rows.reset();
            rows.bind(1, a.conversation);
            rows.bind(2, a.id);
            REQUIRE(rows.executeStep());
            INFO("answer " << a.id << " of " << a.conversation);
            CHECK(rows.getColumn(0).getInt() == 1);
        }
        // Nothing stored twice either, acked or not.
        CHECK(db.execAndGet("SELECT count(*) FROM (SELECT conversation_id, client_id FROM answers "
                            "GROUP BY conversation_id, client_id HAVING count(*) > 1)").getInt() == 0);
    }

    // Every conversation cut by the crash resumes where it was, never asking an answered step again.
    REQUIRE(seen.open.size() == clients);
    int resumed = 0;
    for (const auto& c : seen.open) {
        INFO("resuming " << c.conversation);
        chat_client client(server.port());
        client.send({{"type", "resume"}, {"conversation", c.conversation}, {"token", c.token}, {"last_seq", c.last_seq}});
        auto next = client.receive();
        while (next["type"] == "say" || next["type"] == "ack") next = client.receive();
        if (next["type"] == "done") continue;  // it had just finished
        REQUIRE(next["type"] == "ask");
        CHECK(std::find(c.answered_steps.begin(), c.answered_steps.end(), next["step"]) == c.answered_steps.end());
        client.send({{"type", "answer"}, {"id", "after-crash"}, {"step", next["step"]}, {"text", answer_text(next, 1)}});
        CHECK(client.receive()["type"] == "ack");
        ++resumed;
    }
    CHECK(resumed > 0);
}

TEST_CASE("SIGTERM: in-flight answers are committed and acked, sockets close with 1001, exit 0 within 10 s",
          "[durability][lifecycle]")
{
    server_process server;
    std::vector<std::unique_ptr<chat_client>> clients;
    std::vector<json> conversations;
    for (int i = 0; i < 8; ++i) {
        clients.push_back(std::make_unique<chat_client>(server.port()));
        clients.back()->send({{"type", "start"}, {"flow", "nps"}, {"locale", "en"}});
        conversations.push_back(clients.back()->receive_until("ask").front());
    }
    chat_client idle(server.port());  // a socket that never started a conversation is closed too
    for (int i = 0; i < 8; ++i)
        clients[i]->send({{"type", "answer"}, {"id", "m1"}, {"step", "nps"}, {"text", std::to_string(i)}});

    const auto started = std::chrono::steady_clock::now();
    int exit_status = -2;
    std::thread stopper([&] { exit_status = server.stop(); });
    int acked = 0;
    for (auto& client : clients) {
        bool got_ack = false;
        std::optional<int> code;
        try {
            for (;;) {
                auto m = client->receive(std::chrono::seconds(10));
                got_ack |= m["type"] == "ack";
            }
        } catch (const std::exception&) {
            code = client->wait_closed(std::chrono::milliseconds(100));
        }
        CHECK(code == 1001);
        acked += got_ack;
    }
    CHECK(idle.wait_closed(std::chrono::seconds(10)) == 1001);
    stopper.join();
    const auto took = std::chrono::steady_clock::now() - started;
    CHECK(exit_status == 0);
    CHECK(took < std::chrono::seconds(10));

    // Acked answers are on disk; the conversations resume after the restart.
    server.restart();
    SQLite::Database db(server.db_path(), SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("SELECT count(*) FROM answers WHERE step = 'nps'").getInt() >= acked);
    chat_client client(server.port());
    client.send({{"type", "resume"}, {"conversation", conversations[0]["conversation"]},
                 {"token", conversations[0]["token"]}, {"last_seq", 2}});
    CHECK(client.receive()["type"] != "error");
}

TEST_CASE("a corrupt or unwritable database path is a clear error at start-up", "[durability][startup]")
{
    opinia::testing::temp_dir dir;
    const auto corrupt = dir.file("corrupt.db");
    std::ofstream(corrupt) << std::string(8192, 'x');
    const auto not_a_folder = dir.file("plain-file");
    std::ofstream(not_a_folder) << "x";
    struct bad_path { std::string path, says; };
    for (const auto& [path, says] : {bad_path{corrupt, "not a database"},
                                     bad_path{not_a_folder + "/opinia.db", "cannot open database"},
                                     bad_path{dir.file("missing-folder/deeper/opinia.db"), "cannot open database"}}) {
        INFO(path);
        const auto [status, output] = opinia::testing::run_opinia({"serve", "--listen", "127.0.0.1:0", "--db", path});
        CHECK(status == 1);
        CHECK(output.find(says) != std::string::npos);
        CHECK(output.find("listening") == std::string::npos);
    }
}
