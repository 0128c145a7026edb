// customer_importer: header mapping, per-row checks and batched writes of customers.
#include "import/customer_importer.hpp"
#include <algorithm>
#include <chrono>
#include "import/csv_header.hpp"
#include "import/import_error.hpp"
#include "import/iso_timestamp.hpp"
#include "import/row_batches.hpp"

namespace opinia::import {

namespace {

std::string_view trim(std::string_view s) { return trim_blanks(s); }

std::string lower_ascii(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

skipped_row skip(const csv_record& record, std::int64_t row, std::string kind, std::string reason)
{
    return skipped_row{row, record.line, std::move(kind), std::move(reason)};
}

}  // namespace

std::optional<bool> parse_yes_no(std::string_view text)
{
    const auto t = lower_ascii(trim(text));
    if (t == "yes" || t == "y" || t == "true" || t == "1") return true;
    if (t == "no" || t == "n" || t == "false" || t == "0") return false;
    return std::nullopt;
}

customer_importer::customer_importer(customer_import_options options, const csv_record& header)
    : options_(std::move(options)), header_size_(header.fields.size())
{
    const csv_header names(header, options_.encoding);
    if (options_.id_column.empty()) throw import_error("--id names the customer id column and is required");
    id_index_ = names.index_of(options_.id_column, "--id");
    if (!options_.churned_column.empty()) churned_index_ = names.index_of(options_.churned_column, "--churned");
    if (!options_.active_from_column.empty()) active_from_index_ = names.index_of(options_.active_from_column, "--active-from");
    if (!options_.churned_at_column.empty()) churned_at_index_ = names.index_of(options_.churned_at_column, "--churned-at");
    for (const auto& a : options_.attribute_columns) attributes_.emplace_back(a, names.index_of(a, "--attribute"));
}

std::optional<std::string> customer_importer::cell(const csv_record& record, std::size_t index) const
{
    return to_utf8(record.fields[index], options_.encoding);
}

std::variant<store::customer_record, skipped_row> customer_importer::convert(const csv_record& record,
                                                                             std::int64_t row) const
{
    if (record.fields.size() != header_size_)
        return skip(record, row, "wrong number of fields",
                    "has " + std::to_string(record.fields.size()) + " fields, the header has " + std::to_string(header_size_));
    store::customer_record c;
    const auto id = cell(record, id_index_);
    if (!id) return skip(record, row, "not valid UTF-8", "column \"" + options_.id_column + "\" is not valid UTF-8");
    c.id = std::string(trim(*id));
    if (c.id.empty()) return skip(record, row, "empty customer id", "column \"" + options_.id_column + "\" is empty");

    if (churned_index_) {
        const auto text = cell(record, *churned_index_).value_or("");
        c.churned = parse_yes_no(text);
        if (!c.churned)
            return skip(record, row, "column \"" + options_.churned_column + "\": not yes/no",
                        "column \"" + options_.churned_column + "\": \"" + text + "\" is not yes or no");
    }
    const auto read_date = [&](std::optional<std::size_t> index, const std::string& column,
                               std::optional<std::int64_t>& into) -> std::optional<skipped_row> {
        if (!index) return std::nullopt;
        const auto text = cell(record, *index).value_or("");
        if (trim(text).empty()) return std::nullopt;
        into = parse_iso_timestamp_ms(trim(text));
        if (!into)
            return skip(record, row, "column \"" + column + "\": not a date",
                        "column \"" + column + "\": \"" + text + "\" is not an ISO 8601 date");
        return std::nullopt;
    };
    if (auto s = read_date(active_from_index_, options_.active_from_column, c.active_from_ms)) return *s;
    if (auto s = read_date(churned_at_index_, options_.churned_at_column, c.churned_at_ms)) return *s;
    if (c.active_from_ms && c.churned_at_ms && *c.churned_at_ms < *c.active_from_ms)
        return skip(record, row, "churned before becoming a customer", "churned_at is before active_from");

    for (const auto& [name, index] : attributes_) {
        auto value = cell(record, index);
        if (!value) return skip(record, row, "not valid UTF-8", "column \"" + name + "\" is not valid UTF-8");
        c.attributes.emplace_back(name, std::string(trim(*value)));
    }
    return c;
}

import_report import_customers(std::string_view content, const customer_import_options& options,
                               store::customer_store& store)
{
    csv_reader reader(content, options.delimiter);
    csv_record record;
    if (!reader.next(record)) throw import_error(options.file + ": the file is empty (no header row)");
    const customer_importer importer(options, record);
    auto now = options.imported_at_ms;
    if (now == 0)
        now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();

    return import_row_batches<store::customer_record>(
        reader, [&](const csv_record& r, std::int64_t row) { return importer.convert(r, row); },
        [&](const std::vector<store::customer_record>& batch) { store.upsert(batch, now); }, options.batch_rows,
        options.max_listed_skips);
}

import_report import_customers(const customer_import_options& options, store::database& db)
{
    store::customer_store store(db);
    return import_customers(read_import_file(options.file), options, store);
}

}  // namespace opinia::import
