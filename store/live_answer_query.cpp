// live_answer_query: two index-backed reads on answers' integer primary key.
#include "store/live_answer_query.hpp"
#include <SQLiteCpp/Statement.h>

namespace opinia::store {

live_answer_query::live_answer_query(database& db) : db_(db) {}

std::int64_t live_answer_query::latest_id()
{
    return db_.connection().execAndGet("SELECT COALESCE(MAX(id), 0) FROM answers").getInt64();
}

std::vector<new_answer> live_answer_query::after(std::int64_t after, int limit)
{
    SQLite::Statement q(db_.connection(),
        "SELECT id, conversation_id, flow, step, question_type, value, skipped, created_at "
        "FROM answers WHERE id > ? ORDER BY id LIMIT ?");
    q.bind(1, static_cast<std::int64_t>(after));
    q.bind(2, limit);
    std::vector<new_answer> out;
    while (q.executeStep()) {
        new_answer a;
        a.id = q.getColumn(0).getInt64();
        a.conversation_id = q.getColumn(1).getString();
        a.flow = q.getColumn(2).getString();
        a.step = q.getColumn(3).getString();
        a.question_type = q.getColumn(4).getString();
        if (!q.getColumn(5).isNull()) a.value = q.getColumn(5).getInt();
        a.skipped = q.getColumn(6).getInt() != 0;
        a.created_at_ms = q.getColumn(7).getInt64();
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace opinia::store
