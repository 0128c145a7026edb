// csv_reader: splits RFC 4180 text into records of raw byte fields, without decoding them.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace opinia::import {

struct csv_record {
    std::vector<std::string> fields;
    std::int64_t line = 0;            // line on which the record starts, from 1
    bool unterminated_quote = false;  // a quoted field ran to the end of the input
};

// Reads quoted fields with doubled quotes, delimiters and line breaks inside quotes, and
// lines ended by CRLF, LF or a lone CR (old Mac exports). Lenient where RFC 4180 is silent:
// a quote inside an unquoted field and text after a closing quote are kept as they are.
// Lines that are entirely empty are not records. Works on bytes, so any ASCII-compatible
// encoding can be split before it is decoded.
class csv_reader {
public:
    explicit csv_reader(std::string_view text, char delimiter = ',');

    // Fills `record` (reusing its storage) and returns true, or returns false at the end.
    bool next(csv_record& record);

private:
    void end_of_line();

    std::string_view text_;
    char delimiter_;
    std::size_t pos_ = 0;
    std::int64_t line_ = 1;
};

}  // namespace opinia::import
