// csv_header: the column names of an import file, and the option that maps each onto a field.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>
#include "import/csv_reader.hpp"
#include "import/text_encoding.hpp"

namespace opinia::import {

// The bytes of an import file; throws import_error naming it when it cannot be opened or read.
std::string read_import_file(const std::string& path);

// Blanks and tabs cut from both ends, as cells and names are compared.
std::string_view trim_blanks(std::string_view s);

class csv_header {
public:
    // Throws import_error when a name is not valid in `encoding`. A UTF-8 byte-order mark in front of
    // the first name is not part of it.
    csv_header(const csv_record& header, text_encoding encoding);

    // The index of `column`, matched exactly or else with blanks trimmed. Throws import_error naming
    // `option` and listing the columns there are.
    std::size_t index_of(const std::string& column, const char* option) const;
    std::size_t size() const { return names_.size(); }

private:
    std::vector<std::string> names_;
};

}  // namespace opinia::import
