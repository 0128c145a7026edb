// response_store: writes conversations and their answers; reads them back for resume and listings.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <SQLiteCpp/Statement.h>
#include "store/answer_record.hpp"
#include "store/conversation_record.hpp"
#include "store/database.hpp"
#include "store/webhook_event.hpp"

namespace opinia::store {

// One unit of work that must be durable before the client hears about it.
struct conversation_write {
    conversation_record conversation;   // inserted, or updated by id
    std::vector<answer_record> answers; // inserted; a repeat of (conversation, step) is ignored
    std::vector<webhook_event> events;  // queued in the webhook outbox for every subscribed webhook
};

// Not thread-safe: one response_store per thread (the writer owns one).
class response_store {
public:
    explicit response_store(database& db);
    ~response_store();
    response_store(const response_store&) = delete;
    response_store& operator=(const response_store&) = delete;

    // Everything in `writes` commits in one transaction, or nothing does (throws SQLite::Exception).
    void commit(const std::vector<conversation_write>& writes);

    std::optional<conversation_record> find_conversation(const std::string& id);
    std::vector<answer_record> answers_of(const std::string& conversation_id);
    std::int64_t answer_count();

private:
    void write_conversation(const conversation_record& c);
    void write_answer(const answer_record& a);
    void queue_event(const webhook_event& e, std::int64_t now_ms);

    database& db_;
    std::unique_ptr<SQLite::Statement> upsert_conversation_;
    std::unique_ptr<SQLite::Statement> insert_answer_;
    std::unique_ptr<SQLite::Statement> queue_event_;
};

}  // namespace opinia::store
