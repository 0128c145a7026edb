// row_batches: the loop every import shares — convert each row after the header, write in batches, count skips.
#pragma once
#include <cstddef>
#include <variant>
#include <vector>
#include "import/csv_reader.hpp"
#include "import/import_report.hpp"

namespace opinia::import {

// `convert(record, row)` gives a Record or a skipped_row; `write(batch)` stores a batch in one transaction.
template <class Record, class Convert, class Write>
import_report import_row_batches(csv_reader& reader, Convert&& convert, Write&& write, std::size_t batch_rows,
                                 std::size_t max_listed_skips)
{
    import_report report;
    std::vector<Record> batch;
    const auto flush = [&] {
        if (batch.empty()) return;
        write(batch);
        report.rows_imported += static_cast<std::int64_t>(batch.size());
        batch.clear();
    };
    csv_record record;
    while (reader.next(record)) {
        const auto row = ++report.rows_read;
        auto result = convert(record, row);
        if (auto* skipped = std::get_if<skipped_row>(&result)) {
            report.add_skip(std::move(*skipped), max_listed_skips);
            continue;
        }
        batch.push_back(std::move(std::get<Record>(result)));
        if (batch.size() >= batch_rows) flush();
    }
    flush();
    return report;
}

}  // namespace opinia::import
