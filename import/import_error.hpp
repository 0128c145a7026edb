// import_error: an import that cannot start or go on at all (unreadable file, unknown column, bad option).
#pragma once
#include <stdexcept>

namespace opinia::import {

// Row-level problems never throw: they skip the row and are counted in the import_report.
class import_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace opinia::import
