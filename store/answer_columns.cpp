// answer_columns: one reader for the columns listed in answer_columns.
#include "store/answer_columns.hpp"
#include <SQLiteCpp/Column.h>

namespace opinia::store {

answer_record read_answer(SQLite::Statement& q, int first)
{
    answer_record a;
    int i = first;
    a.client_id = q.getColumn(i++).getString();
    a.step = q.getColumn(i++).getString();
    a.question_type = q.getColumn(i++).getString();
    a.scale_min = q.getColumn(i++).getInt();
    a.scale_max = q.getColumn(i++).getInt();
    a.good_from = q.getColumn(i++).getInt();
    if (!q.getColumn(i).isNull()) a.value = q.getColumn(i).getInt();
    ++i;
    if (!q.getColumn(i).isNull()) a.text = q.getColumn(i).getString();
    ++i;
    a.raw_text = q.getColumn(i++).getString();
    a.parse_method = q.getColumn(i++).getString();
    a.skipped = q.getColumn(i++).getInt() != 0;
    a.flow = q.getColumn(i++).getString();
    a.flow_version = q.getColumn(i++).getInt();
    a.customer_id = q.getColumn(i++).getString();
    a.created_at_ms = q.getColumn(i++).getInt64();
    return a;
}

}  // namespace opinia::store
