// response_store: writes conversations and their answers; reads them back for resume and listings.
#pragma once
#include <optional>
#include <string>
#include <vector>
#include "store/answer_record.hpp"
#include "store/conversation_record.hpp"
#include "store/database.hpp"

namespace opinia::store {

// One unit of work that must be durable before the client hears about it.
struct conversation_write {
    conversation_record conversation;   // inserted or updated (by id)
    std::vector<answer_record> answers; // inserted; a repeat of (conversation, step) is ignored
};

class response_store {
public:
    explicit response_store(database& db);

    // Everything in `writes` commits in one transaction, or nothing does (throws).
    void commit(const std::vector<conversation_write>& writes);

    std::optional<conversation_record> find_conversation(const std::string& id);
    std::vector<answer_record> answers_of(const std::string& conversation_id);
    std::int64_t answer_count();

private:
    database& db_;
};

}  // namespace opinia::store
