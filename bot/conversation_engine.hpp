// conversation_engine: the pure core of a chat. (state, message, now) -> (new state, replies, answers).
// No sockets, threads or clocks: the server feeds it, persists `answers` + `state`, then sends `messages`.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>
#include "bot/chat_message.hpp"
#include "bot/conversation_state.hpp"
#include "bot/flow_catalog.hpp"
#include "bot/stored_answer.hpp"

namespace opinia::bot {

struct engine_settings {
    int max_failed_reads = 3;                 // the Nth unreadable answer to one step records it as skipped (N-1 retries)
    std::int64_t idle_timeout_ms = 30 * 60 * 1000;
    std::string default_locale = "en";
};

struct engine_result {
    bool ok = true;                           // false: `messages` holds one error, state unchanged
                                              // (except `expired`: state.status becomes "partial")
    bool state_changed = false;               // true when `state` must be saved
    conversation_state state;
    std::vector<nlohmann::json> messages;     // server -> client, each with its `seq` (errors have none)
    std::vector<stored_answer> answers;       // to be committed before `messages` are sent
};

class conversation_engine {
public:
    conversation_engine(const flow_catalog& flows, engine_settings settings);

    // Begins a conversation. `id` and `token` are made by the caller (randomness is not the engine's).
    engine_result start(const start_request& request, const std::string& id, const std::string& token,
                        std::int64_t now_ms) const;

    // Applies one answer: ack + next step, retry, already_answered, not_current_step, expired …
    // A repeated `id` gets its original ack again and changes nothing.
    engine_result answer(const conversation_state& state, const answer_request& request,
                         std::int64_t now_ms) const;

    // The pending ask (with a fresh seq) for a resumed conversation whose message log was lost;
    // `done` again (fresh seq) for a completed one; `expired` for an expired one.
    engine_result reask(const conversation_state& state, std::int64_t now_ms) const;

    bool is_expired(const conversation_state& state, std::int64_t now_ms) const;

    const engine_settings& settings() const { return settings_; }

private:
    const flow_catalog& flows_;
    engine_settings settings_;
};

}  // namespace opinia::bot
