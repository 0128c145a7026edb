// conversation_state: everything the engine needs to continue a conversation, serializable to JSON.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <nlohmann/json.hpp>

namespace opinia::bot {

// Where and why the survey was offered; recorded when offered, never changed later.
struct conversation_context {
    std::string agent;
    std::string channel;
    std::string touchpoint;
    std::string interaction;
    std::string stage;
};

struct conversation_state {
    std::string id;              // public conversation id, e.g. "c_7f3a…"
    std::string flow;
    int flow_version = 0;        // pinned at start: a new flow version never changes a running conversation
    std::string locale;          // resolved locale actually used ("en", "pl", …)
    std::string site;
    std::string customer_id;     // empty when anonymous
    bool customer_verified = false;
    conversation_context context;

    std::size_t step_index = 0;  // index in the flow of the step being asked (== step count when done)
    std::string pending_step;    // id of the step currently asked; empty when none is pending
    int failed_reads = 0;        // retries sent for the pending step
    std::int64_t next_seq = 1;   // seq of the next server message
    std::map<std::string, std::int64_t> acked;   // client answer id -> seq of its ack
    std::map<std::string, std::string> acked_step; // client answer id -> step it answered
    nlohmann::json answers = nlohmann::json::object(); // step id -> value (number or string), for branching and recall
    std::set<std::string> finished_steps;        // question steps answered, skipped or filled: never asked again
    std::string carried_text;    // words typed after a score, waiting to fill the next text step ("10 - great support")
    std::string status = "open"; // "open" | "completed" | "partial"
    std::int64_t started_at_ms = 0;
    std::int64_t last_activity_ms = 0;
};

void to_json(nlohmann::json& j, const conversation_context& c);
void from_json(const nlohmann::json& j, conversation_context& c);
void to_json(nlohmann::json& j, const conversation_state& s);
void from_json(const nlohmann::json& j, conversation_state& s);

}  // namespace opinia::bot
