// server_log: one JSON line per event on stderr, so logs can be read by machines and people alike.
#pragma once
#include <string_view>
#include <boost/beast/core/error.hpp>
#include <nlohmann/json.hpp>

namespace opinia::server {

void log_event(std::string_view level, std::string_view event, const nlohmann::json& fields = {});

// The one place socket errors are reported; routine disconnects are not worth a line.
void log_failure(boost::beast::error_code ec, std::string_view what);

}  // namespace opinia::server
