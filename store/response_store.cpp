// response_store: SQL for conversations and answers.
#include "store/response_store.hpp"
#include "store/answer_columns.hpp"
#include "store/conversation_columns.hpp"
#include <SQLiteCpp/Transaction.h>

namespace opinia::store {

namespace {

void bind_optional(SQLite::Statement& s, int index, const std::optional<int>& v)
{
    if (v) s.bind(index, *v); else s.bind(index);
}

void bind_optional(SQLite::Statement& s, int index, const std::optional<std::string>& v)
{
    if (v) s.bind(index, *v); else s.bind(index);
}

constexpr const char* conversation_columns =
    "id, token_hash, flow, flow_version, locale, site, customer_id, customer_verified, agent, channel, "
    "touchpoint, interaction, stage, status, source, state_json, created_at, updated_at";

}  // namespace

response_store::response_store(database& db) : db_(db)
{
    upsert_conversation_ = std::make_unique<SQLite::Statement>(db_.connection(),
        std::string("INSERT INTO conversations (") + conversation_columns + ") "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT(id) DO UPDATE SET status=excluded.status, state_json=excluded.state_json, "
        "locale=excluded.locale, updated_at=excluded.updated_at");
    insert_answer_ = std::make_unique<SQLite::Statement>(db_.connection(),
        "INSERT OR IGNORE INTO answers (conversation_id, client_id, step, question_type, scale_min, scale_max, "
        "good_from, value, text, raw_text, parse_method, skipped, flow, flow_version, customer_id, created_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    // One outbox row per live webhook that subscribed to the event's type; a repeated event id is ignored.
    queue_event_ = std::make_unique<SQLite::Statement>(db_.connection(),
        "INSERT OR IGNORE INTO webhook_outbox (webhook_id, event_id, event_type, body, created_at, next_attempt_at) "
        "SELECT id, ?1, ?2, ?3, ?4, ?4 FROM webhooks "
        "WHERE deleted_at IS NULL AND EXISTS (SELECT 1 FROM json_each(webhooks.events) WHERE value = ?2)");
}

response_store::~response_store() = default;

void response_store::commit(const std::vector<conversation_write>& writes)
{
    SQLite::Transaction transaction(db_.connection());
    for (const auto& write : writes) {
        write_conversation(write.conversation);
        for (const auto& answer : write.answers)
            write_answer(answer);
        for (const auto& event : write.events)
            queue_event(event, write.conversation.updated_at_ms);
    }
    transaction.commit();
}

void response_store::write_conversation(const conversation_record& c)
{
    auto& s = *upsert_conversation_;
    s.tryReset();  // a statement left by a failed step must start clean (reset() would rethrow that failure)
    int i = 1;
    s.bind(i++, c.id);
    s.bind(i++, c.token_hash);
    s.bind(i++, c.flow);
    s.bind(i++, c.flow_version);
    s.bind(i++, c.locale);
    s.bind(i++, c.site);
    s.bind(i++, c.customer_id);
    s.bind(i++, c.customer_verified ? 1 : 0);
    s.bind(i++, c.agent);
    s.bind(i++, c.channel);
    s.bind(i++, c.touchpoint);
    s.bind(i++, c.interaction);
    s.bind(i++, c.stage);
    s.bind(i++, c.status);
    s.bind(i++, c.source);
    s.bind(i++, c.state_json);
    s.bind(i++, static_cast<std::int64_t>(c.created_at_ms));
    s.bind(i++, static_cast<std::int64_t>(c.updated_at_ms));
    s.exec();
    s.reset();
}

void response_store::write_answer(const answer_record& a)
{
    auto& s = *insert_answer_;
    s.tryReset();
    int i = 1;
    s.bind(i++, a.conversation_id);
    s.bind(i++, a.client_id);
    s.bind(i++, a.step);
    s.bind(i++, a.question_type);
    s.bind(i++, a.scale_min);
    s.bind(i++, a.scale_max);
    s.bind(i++, a.good_from);
    bind_optional(s, i++, a.value);
    bind_optional(s, i++, a.text);
    s.bind(i++, a.raw_text);
    s.bind(i++, a.parse_method);
    s.bind(i++, a.skipped ? 1 : 0);
    s.bind(i++, a.flow);
    s.bind(i++, a.flow_version);
    s.bind(i++, a.customer_id);
    s.bind(i++, static_cast<std::int64_t>(a.created_at_ms));
    s.exec();
    s.reset();
}

void response_store::queue_event(const webhook_event& e, std::int64_t now_ms)
{
    auto& s = *queue_event_;
    s.tryReset();
    s.bind(1, e.id);
    s.bind(2, e.type);
    s.bind(3, e.body);
    s.bind(4, static_cast<std::int64_t>(now_ms));
    s.exec();
    s.reset();
}

std::optional<conversation_record> response_store::find_conversation(const std::string& id)
{
    SQLite::Statement q(db_.connection(), std::string("SELECT ") + conversation_context_columns +
                                              ", c.token_hash, c.state_json FROM conversations c WHERE c.id = ?");
    q.bind(1, id);
    if (!q.executeStep())
        return std::nullopt;
    auto c = read_conversation_context(q, 0);
    c.token_hash = q.getColumn(conversation_context_column_count).getString();
    c.state_json = q.getColumn(conversation_context_column_count + 1).getString();
    return c;
}

std::vector<answer_record> response_store::answers_of(const std::string& conversation_id)
{
    SQLite::Statement q(db_.connection(),
        std::string("SELECT ") + answer_columns + " FROM answers a WHERE a.conversation_id = ? ORDER BY a.id");
    q.bind(1, conversation_id);
    std::vector<answer_record> out;
    while (q.executeStep()) {
        out.push_back(read_answer(q, 0));
        out.back().conversation_id = conversation_id;
    }
    return out;
}

std::int64_t response_store::answer_count()
{
    return db_.connection().execAndGet("SELECT COUNT(*) FROM answers").getInt64();
}

}  // namespace opinia::store
