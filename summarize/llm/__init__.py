"""Instruction (chat) models: a model server speaking OpenAI's /v1/chat/completions (`api:NAME`), or
a local decoder-only chat model (Qwen2, Llama, Gemma) on transformers or CTranslate2, behind one
interface (`chat.ChatModel`).

Nothing here is imported when the CLI starts: the
HTTP client and the local backends load on first use.
"""
