// query_string: splits a request target into its path and percent-decoded query parameters.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace opinia::server {

struct request_target {
    std::string path;
    std::map<std::string, std::string> query;  // the last value wins for a repeated name

    std::string param(const std::string& name) const
    {
        auto it = query.find(name);
        return it == query.end() ? std::string() : it->second;
    }
};

// Nothing when the target is not valid percent-encoding (a malformed "%" escape).
std::optional<request_target> parse_request_target(std::string_view target);

// Percent-decodes one component ('+' is a space in a query). Nothing on a malformed escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace opinia::server
