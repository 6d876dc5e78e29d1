/* What llhttp calls where it would abort(): states its generated code cannot reach. The
 * library then needs no abort() from the C library (llhttp is built with
 * -Dabort=sel4c_http_llhttp_trap, see lib/http/http.mk). */
_Noreturn void sel4c_http_llhttp_trap(void);

_Noreturn void sel4c_http_llhttp_trap(void)
{
    __builtin_trap();
}
