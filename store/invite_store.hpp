// invite_store: survey invites issued by agents — created, looked up by token, bound to one conversation.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include "store/database.hpp"

namespace opinia::store {

// What an agent's tool asked for: a flow, a customer, and where the survey is offered.
struct invite_request {
    std::string flow;
    std::string customer_id;
    std::string agent;
    std::string channel;
    std::string touchpoint;
    std::string interaction;
    std::string stage;
    std::string locale;
};

struct invite_record {
    std::int64_t id = 0;
    invite_request request;
    std::int64_t created_by_key = 0;
    std::int64_t created_at_ms = 0;
    std::int64_t expires_at_ms = 0;
    std::optional<std::string> conversation_id;  // set once the link was opened
    std::optional<std::int64_t> opened_at_ms;
    std::string conversation_status;             // of the bound conversation; empty when none yet
};

struct created_invite {
    invite_record record;
    std::string token;   // shown once; only its hash is kept
};

class invite_store {
public:
    explicit invite_store(database& db);

    // Inserts a new invite with a fresh token. Throws SQLite::Exception when the interaction already has one.
    created_invite create(const invite_request& request, std::int64_t key_id, std::int64_t now_ms,
                          std::int64_t expires_at_ms);

    std::optional<invite_record> find_by_token(const std::string& token);
    std::optional<invite_record> find_by_interaction(const std::string& interaction);
    std::optional<invite_record> find(std::int64_t id);

    // When the customer was last offered a survey (an invite, or a verified-identity conversation), if ever.
    std::optional<std::int64_t> last_offered_at(const std::string& customer_id);

    // Binds the invite to `conversation_id` if it is still bound to `expected` (nothing = unbound).
    // False when another conversation won the race.
    bool bind(std::int64_t invite_id, const std::string& conversation_id,
              const std::optional<std::string>& expected, std::int64_t now_ms);

    // Newest first; `key_id` 0 means every key's invites. `before_id` 0 means from the newest.
    std::vector<invite_record> list(std::int64_t key_id, std::int64_t before_id, int limit);

private:
    database& db_;
};

}  // namespace opinia::store
