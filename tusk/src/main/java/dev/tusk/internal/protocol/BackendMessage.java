package dev.tusk.internal.protocol;

/** Type bytes of the messages a PostgreSQL server sends. */
public final class BackendMessage {
    public static final byte AUTHENTICATION = 'R';
    public static final byte BACKEND_KEY_DATA = 'K';
    public static final byte BIND_COMPLETE = '2';
    public static final byte CLOSE_COMPLETE = '3';
    public static final byte COMMAND_COMPLETE = 'C';
    public static final byte COPY_DATA = 'd';
    public static final byte COPY_DONE = 'c';
    public static final byte COPY_IN_RESPONSE = 'G';
    public static final byte COPY_OUT_RESPONSE = 'H';
    public static final byte COPY_BOTH_RESPONSE = 'W';
    public static final byte DATA_ROW = 'D';
    public static final byte EMPTY_QUERY_RESPONSE = 'I';
    public static final byte ERROR_RESPONSE = 'E';
    public static final byte FUNCTION_CALL_RESPONSE = 'V';
    public static final byte NEGOTIATE_PROTOCOL_VERSION = 'v';
    public static final byte NO_DATA = 'n';
    public static final byte NOTICE_RESPONSE = 'N';
    public static final byte NOTIFICATION_RESPONSE = 'A';
    public static final byte PARAMETER_DESCRIPTION = 't';
    public static final byte PARAMETER_STATUS = 'S';
    public static final byte PARSE_COMPLETE = '1';
    public static final byte PORTAL_SUSPENDED = 's';
    public static final byte READY_FOR_QUERY = 'Z';
    public static final byte ROW_DESCRIPTION = 'T';

    private BackendMessage() {
    }

    /** A printable name for error messages. */
    public static String name(byte type) {
        switch (type) {
            case AUTHENTICATION: return "Authentication";
            case BACKEND_KEY_DATA: return "BackendKeyData";
            case BIND_COMPLETE: return "BindComplete";
            case CLOSE_COMPLETE: return "CloseComplete";
            case COMMAND_COMPLETE: return "CommandComplete";
            case COPY_DATA: return "CopyData";
            case COPY_DONE: return "CopyDone";
            case COPY_IN_RESPONSE: return "CopyInResponse";
            case COPY_OUT_RESPONSE: return "CopyOutResponse";
            case COPY_BOTH_RESPONSE: return "CopyBothResponse";
            case DATA_ROW: return "DataRow";
            case EMPTY_QUERY_RESPONSE: return "EmptyQueryResponse";
            case ERROR_RESPONSE: return "ErrorResponse";
            case FUNCTION_CALL_RESPONSE: return "FunctionCallResponse";
            case NEGOTIATE_PROTOCOL_VERSION: return "NegotiateProtocolVersion";
            case NO_DATA: return "NoData";
            case NOTICE_RESPONSE: return "NoticeResponse";
            case NOTIFICATION_RESPONSE: return "NotificationResponse";
            case PARAMETER_DESCRIPTION: return "ParameterDescription";
            case PARAMETER_STATUS: return "ParameterStatus";
            case PARSE_COMPLETE: return "ParseComplete";
            case PORTAL_SUSPENDED: return "PortalSuspended";
            case READY_FOR_QUERY: return "ReadyForQuery";
            case ROW_DESCRIPTION: return "RowDescription";
            default:
                return (type >= 0x20 && type < 0x7f)
                        ? "unknown message '" + (char) type + "'"
                        : "unknown message 0x" + Integer.toHexString(type & 0xff);
        }
    }

    /**
     * Whether messages of this type may be long (rows, descriptions, errors, copy data); libpq
     * bounds every other type at 30,000 bytes, and so do we.
     */
    public static boolean mayBeLong(byte type) {
        switch (type) {
            case DATA_ROW:
            case ROW_DESCRIPTION:
            case ERROR_RESPONSE:
            case NOTICE_RESPONSE:
            case COPY_DATA:
            case FUNCTION_CALL_RESPONSE:
            case NOTIFICATION_RESPONSE:
            case PARAMETER_DESCRIPTION:
            case PARAMETER_STATUS:
                return true;
            default:
                return false;
        }
    }
}
