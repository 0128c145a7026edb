// conversation_columns: one reader for the columns that every conversation query shares.
#include "store/conversation_columns.hpp"
#include <SQLiteCpp/Column.h>

namespace opinia::store {

conversation_record read_conversation_context(SQLite::Statement& q, int first)
{
    int i = first;
    conversation_record c;
    c.id = q.getColumn(i++).getString();
    c.flow = q.getColumn(i++).getString();
    c.flow_version = q.getColumn(i++).getInt();
    c.locale = q.getColumn(i++).getString();
    c.site = q.getColumn(i++).getString();
    c.customer_id = q.getColumn(i++).getString();
    c.customer_verified = q.getColumn(i++).getInt() != 0;
    c.agent = q.getColumn(i++).getString();
    c.channel = q.getColumn(i++).getString();
    c.touchpoint = q.getColumn(i++).getString();
    c.interaction = q.getColumn(i++).getString();
    c.stage = q.getColumn(i++).getString();
    c.status = q.getColumn(i++).getString();
    c.source = q.getColumn(i++).getString();
    c.created_at_ms = q.getColumn(i++).getInt64();
    c.updated_at_ms = q.getColumn(i++).getInt64();
    return c;
}

}  // namespace opinia::store
