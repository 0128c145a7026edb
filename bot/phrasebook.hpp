// phrasebook: the engine's own lines (retries, expiry) in every language the bot speaks; English is the fallback.
#pragma once
#include <cstdint>
#include <string>
#include "bot/flow.hpp"

namespace opinia::bot {

class phrasebook {
public:
    // What the customer should send instead, for a reading that failed with `problem` on `step`.
    static std::string retry(const std::string& locale, const flow_step& step, const std::string& problem);
    // Why a late message is refused.
    static std::string expired(const std::string& locale, std::int64_t idle_timeout_ms);
    // The text of a chat error the customer may see, by what went wrong: invite_taken, invite_invalid,
    // invite_answered, invite_expired, signature_invalid, cannot_continue, closed_after_pause,
    // answer_before_start, storage_unavailable, busy. Unknown reasons get a generic line.
    static std::string chat_error(const std::string& locale, const std::string& reason);
};

}  // namespace opinia::bot
