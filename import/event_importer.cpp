// event_importer: header mapping, per-row checks and batched writes of journey events.
#include "import/event_importer.hpp"
#include "import/csv_header.hpp"
#include "import/import_error.hpp"
#include "import/iso_timestamp.hpp"
#include "import/row_batches.hpp"

namespace opinia::import {

event_importer::event_importer(event_import_options options, const csv_record& header)
    : options_(std::move(options)), header_size_(header.fields.size())
{
    const csv_header names(header, options_.encoding);
    if (options_.customer_column.empty()) throw import_error("--customer names the customer id column and is required");
    if (options_.stage_column.empty()) throw import_error("--stage names the journey stage column and is required");
    customer_index_ = names.index_of(options_.customer_column, "--customer");
    stage_index_ = names.index_of(options_.stage_column, "--stage");
    if (!options_.touchpoint_column.empty()) touchpoint_index_ = names.index_of(options_.touchpoint_column, "--touchpoint");
    if (!options_.at_column.empty()) at_index_ = names.index_of(options_.at_column, "--at");
}

std::variant<store::journey_event_record, skipped_row> event_importer::convert(const csv_record& record,
                                                                               std::int64_t row) const
{
    const auto skip = [&](std::string kind, std::string reason) {
        return skipped_row{row, record.line, std::move(kind), std::move(reason)};
    };
    if (record.fields.size() != header_size_)
        return skip("wrong number of fields",
                    "has " + std::to_string(record.fields.size()) + " fields, the header has " + std::to_string(header_size_));
    std::string cells[4];
    const std::optional<std::size_t> indexes[4] = {customer_index_, stage_index_, touchpoint_index_, at_index_};
    const std::string* columns[4] = {&options_.customer_column, &options_.stage_column, &options_.touchpoint_column,
                                     &options_.at_column};
    for (int i = 0; i < 4; ++i) {
        if (!indexes[i]) continue;
        const auto text = to_utf8(record.fields[*indexes[i]], options_.encoding);
        if (!text) return skip("not valid UTF-8", "column \"" + *columns[i] + "\" is not valid UTF-8");
        cells[i] = std::string(trim_blanks(*text));
    }
    store::journey_event_record e;
    e.customer_id = cells[0];
    if (e.customer_id.empty()) return skip("empty customer id", "column \"" + options_.customer_column + "\" is empty");
    const auto stage = store::journey_stage_named(cells[1]);
    if (!stage)
        return skip("column \"" + options_.stage_column + "\": not a journey stage",
                    "column \"" + options_.stage_column + "\": \"" + cells[1] +
                        "\" is not awareness, consideration, decision, retention or advocacy");
    e.stage = *stage;
    e.touchpoint = cells[2];
    e.occurred_at_ms = options_.imported_at_ms;
    if (!cells[3].empty()) {
        const auto at = parse_iso_timestamp_ms(cells[3]);
        if (!at)
            return skip("column \"" + options_.at_column + "\": not a date",
                        "column \"" + options_.at_column + "\": \"" + cells[3] + "\" is not an ISO 8601 date");
        if (is_after_recording(*at, options_.imported_at_ms))
            return skip("column \"" + options_.at_column + "\": in the future",
                        "column \"" + options_.at_column + "\": \"" + cells[3] + "\" is after the import");
        e.occurred_at_ms = *at;
    }
    return e;
}

import_report import_events(std::string_view content, const event_import_options& options, store::customer_store& store)
{
    csv_reader reader(content, options.delimiter);
    csv_record record;
    if (!reader.next(record)) throw import_error(options.file + ": the file is empty (no header row)");
    const event_importer importer(options, record);
    return import_row_batches<store::journey_event_record>(
        reader, [&](const csv_record& r, std::int64_t row) { return importer.convert(r, row); },
        [&](const std::vector<store::journey_event_record>& batch) { store.add_events(batch, options.imported_at_ms); },
        options.batch_rows, options.max_listed_skips);
}

import_report import_events(const event_import_options& options, store::database& db)
{
    store::customer_store store(db);
    return import_events(read_import_file(options.file), options, store);
}

}  // namespace opinia::import
