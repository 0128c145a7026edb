// chat_service: runs chat protocol v1 for every socket — the engine, the live conversations, durable acks.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>
#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>
#include "bot/conversation_engine.hpp"
#include "server/chat_peer.hpp"
#include "server/server_stats.hpp"
#include "store/answer_writer.hpp"
#include "store/invite_store.hpp"
#include "store/response_store.hpp"
#include "store/site_store.hpp"

namespace opinia::server {

using clock_ms = std::function<std::int64_t()>;

// Every member runs on the io_context's single thread; the writer's completions are posted back to it.
class chat_service {
public:
    chat_service(boost::asio::io_context& ioc, const bot::conversation_engine& engine,
                 store::answer_writer& writer, store::database& read_db, clock_ms now);

    // Handles one text frame. `ready` runs once the peer may send its next frame (after any commit).
    void handle_frame(const std::shared_ptr<chat_peer>& peer, std::string_view frame, std::function<void()> ready);

    // The peer's socket is gone; its conversation stays resumable.
    void detach(chat_peer& peer);

    // Closes every attached socket (graceful shutdown).
    void close_all(unsigned short code, const std::string& reason);

    // Marks idle conversations partial and forgets those nobody is attached to.
    void sweep();

    std::size_t live_count() const { return live_.size(); }

    // Called on the io thread after a commit that queued webhook events (the dispatcher is woken by it).
    void on_events_queued(std::function<void()> hook) { on_events_queued_ = std::move(hook); }

    // Counts started conversations, committed answers and commit latency into `stats`.
    void observe(server_stats& stats) { stats_ = &stats; }
    // Shutdown: frames read from now on are dropped unanswered (and no more are read); commits already
    // handed to the writer still complete and send their acks.
    void stop_taking_frames() { draining_ = true; }
    std::size_t in_flight() const { return in_flight_; }

private:
    struct live_conversation {
        bot::conversation_state state;
        std::string token_hash;
        std::vector<nlohmann::json> log;   // every message sent, for replay on resume
        std::weak_ptr<chat_peer> peer;
    };

    void on_start(const std::shared_ptr<chat_peer>& peer, const bot::start_request& request,
                  std::function<void()> ready);
    void on_resume(const std::shared_ptr<chat_peer>& peer, const bot::resume_request& request,
                   std::function<void()> ready);
    void on_answer(const std::shared_ptr<chat_peer>& peer, const bot::answer_request& request,
                   std::function<void()> ready);

    // The invite behind `start {invite}` when a new conversation may begin from it; otherwise nothing, after
    // answering the peer (an error, or a resume of the conversation the invite already leads to).
    std::optional<store::invite_record> open_invite(const std::shared_ptr<chat_peer>& peer,
                                                    const bot::start_request& request, std::function<void()>& ready);
    // False (after telling the peer) when a customer signature is given and is not the site's HMAC of the id.
    bool check_signature(const std::shared_ptr<chat_peer>& peer, const bot::start_request& request, bool& verified);

    // Persists the engine's result, then logs and sends its messages; on failure tells the peer.
    void commit_then_send(const std::shared_ptr<chat_peer>& peer, const std::string& conversation_id,
                          bot::engine_result result, std::function<void()> ready);
    void deliver(const std::string& conversation_id, const std::vector<nlohmann::json>& messages);

    live_conversation* find_or_load(const std::string& conversation_id);
    void attach(const std::shared_ptr<chat_peer>& peer, const std::string& conversation_id);
    store::conversation_write to_write(const live_conversation& live, const bot::engine_result& result) const;

    boost::asio::io_context& ioc_;
    const bot::conversation_engine& engine_;
    store::answer_writer& writer_;
    store::response_store reader_;
    clock_ms now_;
    std::unordered_map<std::string, live_conversation> live_;
    store::invite_store invites_;
    store::site_store sites_;
    std::function<void()> on_events_queued_;
    server_stats* stats_ = nullptr;
    bool draining_ = false;
    std::size_t in_flight_ = 0;   // writes submitted whose completion has not come back yet
};

}  // namespace opinia::server
