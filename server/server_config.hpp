// server_config: the settings of `opinia serve` from a JSON config file and OPINIA_* environment variables.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>
#include "server/server_settings.hpp"

namespace opinia::server {

// Reads a config file as one JSON object. Throws naming the file when it cannot be read or parsed.
nlohmann::json read_config_file(const std::string& path);

// Looks up OPINIA_<KEY> (the key in upper case) for every config key and returns those that are set.
// A value that parses as JSON is taken as JSON (OPINIA_MAX_WS_MESSAGE_BYTES=4096, OPINIA_INVITES={…});
// anything else is a string, and a comma-separated list for `allowed_origins`.
nlohmann::json read_config_environment(const std::function<const char*(const char*)>& lookup);

// Sets the settings named in `config`; only keys present change. Unknown keys and wrong types throw,
// naming `source` (the file or "environment") and the key, so that a typo never goes unnoticed.
void apply_config(const nlohmann::json& config, std::string_view source, server_settings& settings);

// The origins, each checked to be scheme://host[:port]; throws naming the first that is not.
std::vector<std::string> checked_origins(std::vector<std::string> origins);

// "HOST:PORT" or "[V6]:PORT" into the settings' listen address. Throws naming the problem.
void apply_listen_address(const std::string& listen, server_settings& settings);

}  // namespace opinia::server
