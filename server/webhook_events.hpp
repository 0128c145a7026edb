// webhook_events: which webhook events a committed step of a conversation causes, and their JSON bodies.
#pragma once
#include <cstdint>
#include <vector>
#include "bot/conversation_state.hpp"
#include "store/answer_record.hpp"
#include "store/webhook_event.hpp"

namespace opinia::server {

// Pure: `before` and `after` are the conversation's state around one engine step, `answers` what that
// step stores. A detractor (NPS 0–6) causes "response.detractor" when the score is stored; reaching the
// end of the flow causes "response.completed". Event ids depend only on the conversation and the type.
std::vector<store::webhook_event> webhook_events_for(const bot::conversation_state& before,
                                                     const bot::conversation_state& after,
                                                     const std::vector<store::answer_record>& answers,
                                                     std::int64_t now_ms);

}  // namespace opinia::server
