// chat_message: decodes client -> server frames of chat protocol v1 into typed requests.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <nlohmann/json.hpp>
#include "bot/conversation_state.hpp"

namespace opinia::bot {

struct start_request {
    std::string flow;            // empty when `invite` is given
    std::string invite;
    std::string site;
    std::string locale;          // as the client asked; the engine resolves it
    std::string customer_id;
    std::string customer_signature;
    nlohmann::json customer_attributes = nlohmann::json::object();
    conversation_context context;
};

struct resume_request {
    std::string conversation;
    std::string token;
    std::int64_t last_seq = 0;
};

struct answer_request {
    std::string id;
    std::string step;
    std::optional<std::string> text;   // typed
    std::optional<nlohmann::json> value; // quick reply (number or string)
};

// A frame that is not a valid request: `code` is a protocol error code ("bad_message", "unknown_type").
struct decode_error {
    std::string code;
    std::string message;
};

using client_message = std::variant<start_request, resume_request, answer_request, decode_error>;

// Never throws: anything malformed becomes a decode_error naming the problem.
client_message decode_client_message(std::string_view frame);

}  // namespace opinia::bot
