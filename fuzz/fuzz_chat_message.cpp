// fuzz_chat_message: any frame decodes to a request or a decode_error, and never throws.
#include <cstdint>
#include <cstdlib>
#include "bot/chat_message.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view frame(reinterpret_cast<const char*>(data), size);
    const auto message = opinia::bot::decode_client_message(frame);
    if (const auto* error = std::get_if<opinia::bot::decode_error>(&message)) {
        if (error->code.empty() || error->message.empty()) std::abort();  // every refusal says why
    }
    return 0;
}
