// response_importer: row conversion (pure) and the batch-committing import loop (the shell).
#include "import/response_importer.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <set>

#include "import/csv_header.hpp"
#include "import/import_error.hpp"
#include "import/iso_timestamp.hpp"
#include "import/row_identity.hpp"

namespace opinia::import {

namespace {

std::string_view trim(std::string_view s) {
    constexpr std::string_view blanks = " \t\r\n";
    const auto first = s.find_first_not_of(blanks);
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(blanks);
    return s.substr(first, last - first + 1);
}

std::string quote(std::string_view s) {
    // Long or multi-line cells would drown the report: show their start only.
    constexpr std::size_t shown = 40;
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size() && i < shown; ++i) out += (s[i] == '\n' || s[i] == '\r') ? ' ' : s[i];
    if (s.size() > shown) out += "…";
    return out + "\"";
}

std::string column_label(std::string_view name) { return "column \"" + std::string(name) + "\""; }

skipped_row skip(const csv_record& record, std::int64_t row, std::string kind, std::string reason) {
    return skipped_row{row, record.line, std::move(kind), std::move(reason)};
}

std::optional<int> parse_whole_number(std::string_view s) {
    int value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return value;
}

std::size_t find_column(const csv_record& header, const std::vector<std::string>& names, const std::string& column,
                        const char* option) {
    auto it = std::find(names.begin(), names.end(), column);
    if (it == names.end()) {
        // Headers padded with spaces are common; an exact match wins, a trimmed one is accepted.
        it = std::find_if(names.begin(), names.end(), [&](const std::string& n) { return trim(n) == trim(column); });
    }
    if (it == names.end()) {
        std::string known;
        for (const auto& n : names) known += (known.empty() ? "" : ", ") + quote(n);
        throw import_error(std::string(option) + ": no column \"" + column + "\" in the header; the columns are " +
                           known);
    }
    return static_cast<std::size_t>(it - names.begin());
}

}  // namespace

response_importer::response_importer(response_import_options options, const csv_record& header,
                                     std::string file_digest)
    : options_(std::move(options)), file_digest_(std::move(file_digest)), header_size_(header.fields.size()) {
    if (options_.flow.empty()) throw import_error("--flow: a flow name is required");
    if (options_.scores.empty()) throw import_error("--score: map at least one score column, e.g. --score nps=score");
    std::set<std::string> types;
    for (const auto& s : options_.scores) {
        if (!types.insert(s.question_type).second)
            throw import_error("--score: " + s.question_type + " is mapped twice; map each question type once");
    }
    if (options_.batch_rows == 0) options_.batch_rows = 1;
    for (auto& token : options_.missing_tokens) token = std::string(trim(token));

    std::vector<std::string> names;
    names.reserve(header.fields.size());
    for (const auto& raw : header.fields) {
        auto name = to_utf8(raw, options_.encoding);
        if (!name) throw import_error("the header row is not valid UTF-8; is the file Latin-1 (--encoding latin-1)?");
        names.push_back(std::move(*name));
    }
    // A UTF-8 byte order mark belongs to the file, not to the first column's name.
    if (!names.empty() && names[0].rfind("\xEF\xBB\xBF", 0) == 0) names[0].erase(0, 3);

    for (const auto& s : options_.scores)
        scores_.push_back({s, find_column(header, names, s.column, ("--score " + s.question_type).c_str())});
    if (!options_.comment_column.empty())
        comment_index_ = find_column(header, names, options_.comment_column, "--comment");
    if (!options_.customer_column.empty())
        customer_index_ = find_column(header, names, options_.customer_column, "--customer");
    if (!options_.date_column.empty()) date_index_ = find_column(header, names, options_.date_column, "--date");
}

bool response_importer::is_missing(std::string_view trimmed) const {
    return std::find(options_.missing_tokens.begin(), options_.missing_tokens.end(), trimmed) !=
           options_.missing_tokens.end();
}

std::variant<store::conversation_write, skipped_row> response_importer::convert(const csv_record& record,
                                                                               std::int64_t row) const {
    if (record.unterminated_quote)
        return skip(record, row, "a quoted field is never closed", "a quoted field is never closed before the end of the file");
    if (record.fields.size() != header_size_) {
        return skip(record, row, "wrong number of fields",
                    "has " + std::to_string(record.fields.size()) + " fields, the header has " +
                        std::to_string(header_size_));
    }

    // Decodes one mapped cell, or says why it cannot be read.
    auto text_of = [&](std::size_t index, const std::string& column) -> std::variant<std::string, skipped_row> {
        auto text = to_utf8(record.fields[index], options_.encoding);
        if (!text)
            return skip(record, row, column_label(column) + ": not valid UTF-8",
                        column_label(column) + ": not valid UTF-8 (is the file Latin-1? use --encoding latin-1)");
        return std::move(*text);
    };

    std::int64_t created_at = options_.imported_at_ms;
    if (date_index_) {
        auto cell = text_of(*date_index_, options_.date_column);
        if (auto* s = std::get_if<skipped_row>(&cell)) return std::move(*s);
        const auto trimmed = trim(std::get<std::string>(cell));
        if (!is_missing(trimmed)) {
            const auto ms = parse_iso_timestamp_ms(trimmed);
            if (!ms)
                return skip(record, row, column_label(options_.date_column) + ": not an ISO 8601 date",
                            column_label(options_.date_column) + ": " + quote(trimmed) +
                                " is not an ISO 8601 date such as 2026-03-01 or 2026-03-01T12:30:00Z");
            if (is_after_recording(*ms, options_.imported_at_ms))
                return skip(record, row, column_label(options_.date_column) + ": in the future",
                            column_label(options_.date_column) + ": " + quote(trimmed) + " is after the import");
            created_at = *ms;
        }
    }

    std::string customer;
    if (customer_index_) {
        auto cell = text_of(*customer_index_, options_.customer_column);
        if (auto* s = std::get_if<skipped_row>(&cell)) return std::move(*s);
        const auto trimmed = trim(std::get<std::string>(cell));
        if (!is_missing(trimmed)) customer = std::string(trimmed);
    }

    store::conversation_write write;
    auto& c = write.conversation;
    c.id = imported_conversation_id(options_.flow, file_digest_, row);
    c.flow = options_.flow;
    c.customer_id = customer;
    c.status = "completed";
    c.source = "import";
    c.created_at_ms = created_at;
    c.updated_at_ms = created_at;

    auto answer = [&](std::string step, std::string question_type) {
        store::answer_record a;
        a.conversation_id = c.id;
        a.client_id = "row:" + std::to_string(row);
        a.step = std::move(step);
        a.question_type = std::move(question_type);
        a.parse_method = "import";
        a.flow = options_.flow;
        a.customer_id = customer;
        a.created_at_ms = created_at;
        return a;
    };

    for (const auto& s : scores_) {
        const auto& m = s.mapping;
        auto cell = text_of(s.index, m.column);
        if (auto* sk = std::get_if<skipped_row>(&cell)) return std::move(*sk);
        const auto& raw = std::get<std::string>(cell);
        const auto trimmed = trim(raw);
        if (is_missing(trimmed)) continue;
        const auto scale = m.scale.label();
        if (trimmed.empty())
            return skip(record, row, column_label(m.column) + ": empty, and empty is not a missing token",
                        column_label(m.column) + ": empty cell is not a score on " + scale +
                            " (cells meaning \"not answered\" are given with --missing)");
        const auto value = parse_whole_number(trimmed);
        if (!value)
            return skip(record, row, column_label(m.column) + ": not a whole number",
                        column_label(m.column) + ": " + quote(trimmed) + " is not a whole number on " + scale);
        if (!m.scale.contains(*value))
            return skip(record, row, column_label(m.column) + ": outside " + scale,
                        column_label(m.column) + ": " + quote(trimmed) + " is outside the " + scale + " scale");
        auto a = answer(m.question_type, m.question_type);
        a.scale_min = m.scale.min;
        a.scale_max = m.scale.max;
        a.good_from = m.good_from;
        a.value = *value;
        a.raw_text = raw;
        write.answers.push_back(std::move(a));
    }

    if (comment_index_) {
        auto cell = text_of(*comment_index_, options_.comment_column);
        if (auto* s = std::get_if<skipped_row>(&cell)) return std::move(*s);
        auto& text = std::get<std::string>(cell);
        const auto trimmed = trim(text);
        // Comments are stored verbatim; a blank one is no comment at all.
        if (!trimmed.empty() && !is_missing(trimmed)) {
            auto a = answer("why", "text");
            a.text = text;
            a.raw_text = std::move(text);
            write.answers.push_back(std::move(a));
        }
    }

    if (write.answers.empty())
        return skip(record, row, "no answer in any mapped column", "no answer in any mapped column");
    return write;
}

import_report import_responses(std::string_view content, const response_import_options& options,
                               store::response_store& store) {
    csv_reader reader(content, options.delimiter);
    csv_record record;
    if (!reader.next(record)) throw import_error(options.file + ": the file is empty (no header row)");
    auto effective = options;
    if (effective.imported_at_ms == 0) {
        effective.imported_at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count();
    }
    const response_importer importer(std::move(effective), record, file_digest(content));
    const auto& opts = importer.options();

    import_report report;
    std::vector<store::conversation_write> batch;
    batch.reserve(opts.batch_rows);
    std::int64_t pending_answers = 0;
    auto flush = [&] {
        if (batch.empty()) return;
        store.commit(batch);
        report.rows_imported += static_cast<std::int64_t>(batch.size());
        report.answers_written += pending_answers;
        batch.clear();
        pending_answers = 0;
    };

    while (reader.next(record)) {
        const auto row = ++report.rows_read;
        auto result = importer.convert(record, row);
        if (auto* skipped = std::get_if<skipped_row>(&result)) {
            report.add_skip(std::move(*skipped), opts.max_listed_skips);
            continue;
        }
        auto& write = std::get<store::conversation_write>(result);
        pending_answers += static_cast<std::int64_t>(write.answers.size());
        batch.push_back(std::move(write));
        if (batch.size() >= opts.batch_rows) flush();
    }
    flush();
    return report;
}

import_report import_responses(const response_import_options& options, store::database& db) {
    const std::string content = read_import_file(options.file);
    store::response_store store(db);
    return import_responses(content, options, store);
}

}  // namespace opinia::import
