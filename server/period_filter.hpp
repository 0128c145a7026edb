// period_filter: turns the user's flow / from / to / tz choices into an answer_filter.
#pragma once
#include <stdexcept>
#include <string>
#include "store/answer_filter.hpp"

namespace opinia::server {

// The message names the offending field ("from", "to" or "tz").
class invalid_filter : public std::invalid_argument {
public:
    invalid_filter(std::string field, const std::string& message)
        : std::invalid_argument(message), field_(std::move(field)) {}
    const std::string& field() const { return field_; }

private:
    std::string field_;
};

// The parameter names a period's ends were given under, for error messages.
struct period_field_names {
    std::string from = "from";
    std::string to = "to";
};

// `from` and `to` are calendar days (YYYY-MM-DD), both inclusive, in the IANA zone `tz` (UTC when empty).
store::answer_filter make_period_filter(const std::string& flow, const std::string& from, const std::string& to,
                                        const std::string& tz, const period_field_names& names = {});

}  // namespace opinia::server
