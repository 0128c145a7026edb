// conversation_record: one conversation (chat or imported response) with the context it was offered in.
#pragma once
#include <cstdint>
#include <string>

namespace opinia::store {

struct conversation_record {
    std::string id;
    std::string token_hash;      // SHA-256 of the resume token; empty for imports
    std::string flow;
    int flow_version = 0;
    std::string locale;
    std::string site;
    std::string customer_id;
    bool customer_verified = false;
    std::string agent;
    std::string channel;
    std::string touchpoint;
    std::string interaction;
    std::string stage;
    std::string status = "open"; // "open" | "completed" | "partial"
    std::string source = "chat"; // "chat" | "import"
    std::string state_json;      // the engine's state, to continue after a restart
    std::int64_t created_at_ms = 0;
    std::int64_t updated_at_ms = 0;
};

}  // namespace opinia::store
