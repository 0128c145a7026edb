// csv_writer: RFC 4180 rows that spreadsheets cannot run as formulas (case H08).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace opinia::server {

// Appends to a string: fields separated by commas, rows ended by CRLF, quoted when they hold a comma,
// a quote, CR or LF (inner quotes doubled). Text that starts with = + - @ TAB or CR gets a leading
// apostrophe so that it stays text; numbers are written as plain numbers.
class csv_writer {
public:
    explicit csv_writer(std::string& out) : out_(out) {}

    csv_writer& text(std::string_view value);
    csv_writer& number(std::optional<std::int64_t> value);   // empty cell when absent
    void end_row();

private:
    void separate();

    std::string& out_;
    bool row_started_ = false;
};

}  // namespace opinia::server
