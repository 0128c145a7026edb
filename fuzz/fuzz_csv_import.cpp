// fuzz_csv_import: any bytes split into records, and every row converts or is skipped with a reason.
#include <cstdint>
#include "import/csv_reader.hpp"
#include "import/import_error.hpp"
#include "import/response_importer.hpp"

using namespace opinia::import;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    static const response_import_options options = [] {
        response_import_options o;
        o.file = "fuzz.csv";
        o.flow = "imported";
        o.scores = {parse_score_mapping("nps=nps"), parse_score_mapping("csat=csat:1-5")};
        o.comment_column = "comment";
        o.customer_column = "customer";
        o.date_column = "date";
        o.imported_at_ms = 1'700'000'000'000;
        return o;
    }();
    csv_reader reader(text);
    csv_record header;
    if (!reader.next(header)) return 0;
    try {
        response_importer importer(options, header, "digest");
        csv_record record;
        for (std::int64_t row = 1; reader.next(record); ++row) {
            auto converted = importer.convert(record, row);
            if (auto* skipped = std::get_if<skipped_row>(&converted); skipped && skipped->reason.empty())
                __builtin_trap();
        }
    } catch (const import_error&) {
        // A header without the mapped columns is refused as a whole.
    }
    // The same bytes with ';' as the delimiter must split too.
    csv_reader semicolons(text, ';');
    csv_record record;
    while (semicolons.next(record)) {
    }
    return 0;
}
