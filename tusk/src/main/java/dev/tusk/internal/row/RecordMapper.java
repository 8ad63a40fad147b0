package dev.tusk.internal.row;

import dev.tusk.Record;
import dev.tusk.exceptions.InterfaceException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/** Maps a row onto a Java record class by component name. */
final class RecordMapper {

    private static final ClassValue<Constructor<?>> CONSTRUCTORS = new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] parameterTypes = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                parameterTypes[i] = components[i].getType();
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
                constructor.setAccessible(true);
                return constructor;
            } catch (NoSuchMethodException | RuntimeException e) {
                throw new InterfaceException("cannot use the canonical constructor of " + type.getName(), e);
            }
        }
    };

    private RecordMapper() {
    }

    static <R extends java.lang.Record> R map(Record row, Class<R> recordClass) {
        if (!recordClass.isRecord()) {
            throw new InterfaceException(recordClass.getName() + " is not a record class");
        }
        RecordComponent[] components = recordClass.getRecordComponents();
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            if (row.keys().indexOf(name) < 0) {
                throw new InterfaceException("record component " + recordClass.getSimpleName() + "." + name
                        + " has no column of that name; the columns are " + row.keys());
            }
            arguments[i] = row.get(name, components[i].getType());
        }
        try {
            return recordClass.cast(CONSTRUCTORS.get(recordClass).newInstance(arguments));
        } catch (InvocationTargetException e) {
            throw new InterfaceException("the constructor of " + recordClass.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new InterfaceException("cannot construct " + recordClass.getName(), e);
        }
    }
}
